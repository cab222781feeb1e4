package io.gauntlet.benchmarks.jmh;

import io.gauntlet.core.random.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Cost of the project's random streams: every action sample and every initial state draws from them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RngBenchmark {
    private final Rng rng = new Rng(42);

    @Benchmark
    public double nextDouble() {
        return rng.nextDouble();
    }

    @Benchmark
    public double nextGaussian() {
        return rng.nextGaussian();
    }
}
