package io.gauntlet.benchmarks.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every benchmark here starts from (JMH's annotations are inherited): two warm-up and three
 * measured iterations of a second in one fork, enough to compare kernels on a 2-core machine in minutes, the fork
 * with the Vector API module the dense kernels use (as the launcher gives it). A run overrides them on the command
 * line ({@code -wi -i -f -r -w}) or a benchmark with its own annotations.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class ShortRuns {}
