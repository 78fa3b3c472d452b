package dev.voicegate.biometrics.api;

/**
 * A template made by another engine or engine version (or not a template at all): it is refused,
 * never compared. The message names what was found and what was expected.
 */
public final class TemplateVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateVersionException(String message) {
        super(message);
    }
}
