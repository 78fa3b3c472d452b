/**
 * Command-line tools of the engine (issue 4 §5). {@code gateway-core}'s {@code voicegate} launcher
 * dispatches to each command's {@code public static int run(String[] args, PrintStream out,
 * PrintStream err)}: 0 = success, 1 = bad input (one-line message on {@code err}), 2 = usage error.
 */
package dev.voicegate.biometrics.cli;
