/**
 * The hostile-load suite (JUnit tag {@code hostile}): attacks on real loopback sockets against a
 * server with a small, explicit memory budget, while a well-behaved client (the JDK's) keeps
 * asking for echoes. Each attack checks, through {@link dev.wsf.runtime.hostile.HostileRun}:
 * <ol>
 *   <li>the memory the server accounts for ({@code stats().memoryUsed}) stays within the budget
 *   plus a documented slack, and the heap after a full GC stays far below what the attack costs
 *   a server without the defences (each test states that figure);</li>
 *   <li>the witness gets every echo, with p99 under two seconds (see
 *   {@link dev.wsf.runtime.hostile.HostileRun#P99_LIMIT} for why not less on a shared machine);</li>
 *   <li>afterwards nothing is left: only the witness connected (then nobody), nothing
 *   accounted, an {@code onClose} for every session, no session failed by the engine (1011),
 *   file descriptors and direct memory back where they were.</li>
 * </ol>
 * The attacks: headers announcing 4 MiB and sending a byte ({@code AnnouncedLengthTest}),
 * clients that never read ({@code NonReadingClientsTest}), running out of file descriptors in a
 * server JVM of its own ({@code FdExhaustionTest}), callbacks throwing Errors
 * ({@code ThrowingEndpointsTest}) and a thousand connections breaking the protocol
 * ({@code ProtocolErrorFloodTest}).
 *
 * <p>Not in the default build; {@code mvn -Pinterop verify} runs it with everything else, and
 * {@code mvn -pl ws-runtime -am verify -Pinterop -Dsurefire.groups=hostile} alone (about a
 * minute). {@link dev.wsf.runtime.hostile.HostileProbe} gives the before-and-after figures
 * against any build's echo sample.
 */
package dev.wsf.runtime.hostile;
