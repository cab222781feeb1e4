package io.gauntlet.benchmarks.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every command's {@code --seed}: a non-negative integer, as the run directories ({@code seed-<n>}) name it. */
final class SeedConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        long seed;
        try {
            seed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("a seed is a non-negative integer, got '" + value + "'");
        }
        if (seed < 0) throw new TypeConversionException("a seed is a non-negative integer, got " + seed);
        return seed;
    }
}
