package dev.voicegate.biometrics.xvector;

import java.util.List;
import java.util.Map;

/**
 * An nnet3 network as read by {@link Nnet3Reader}: the config part (input, component and output
 * nodes with their input descriptors) and the components by name. Immutable; arrays inside the
 * components are shared and must not be modified.
 *
 * @param file           the name used in error messages
 * @param configLines    the config lines as stored in the file
 * @param inputNodes     input node name → dimension
 * @param componentNodes component-node name → node (in file order)
 * @param outputNodes    output node name → its input descriptor
 * @param components     component name → component (in file order)
 */
public record Nnet3Model(String file, List<String> configLines, Map<String, Integer> inputNodes,
        Map<String, ComponentNode> componentNodes, Map<String, Nnet3Descriptor> outputNodes,
        Map<String, Nnet3Component> components) {

    /** A {@code component-node} line: the node's name, its component and its input. */
    public record ComponentNode(String name, String component, Nnet3Descriptor input) {
    }

    public Nnet3Model {
        configLines = List.copyOf(configLines);
        inputNodes = Map.copyOf(inputNodes);
        // keep file order for the two ordered maps
        componentNodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(componentNodes));
        outputNodes = Map.copyOf(outputNodes);
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }
}
