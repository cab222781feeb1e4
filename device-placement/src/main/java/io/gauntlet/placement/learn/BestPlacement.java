package io.gauntlet.placement.learn;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.Stateful;
import io.gauntlet.core.experiment.TrainingState;

import java.util.Arrays;

/**
 * The best group placement a learned placer has scored: the lowest run time charged (the failing run time for one
 * that does not fit), whether it fitted, and the device of every group. Part of the training state under
 * {@link #NAME}, so the placement survives the run ({@code place} draws its Gantt chart).
 */
public final class BestPlacement implements Stateful {
    public static final String NAME = "best-placement";

    private double stepTime = Double.POSITIVE_INFINITY;
    private boolean feasible;
    private final int[] devices;

    public BestPlacement(int groups) {
        devices = new int[groups];
    }

    /** Keeps the placement if its charged time is lower than the best so far. */
    public void offer(double chargedTime, boolean fits, int[] groupDevices) {
        if (!(chargedTime < stepTime)) return;
        stepTime = chargedTime;
        feasible = fits;
        System.arraycopy(groupDevices, 0, devices, 0, devices.length);
    }

    public double stepTime() { return stepTime; }
    public boolean feasible() { return feasible; }
    public int[] devices() { return devices.clone(); }

    @Override
    public double[] snapshot() {
        double[] s = new double[2 + devices.length];
        s[0] = stepTime;
        s[1] = feasible ? 1 : 0;
        for (int g = 0; g < devices.length; g++) s[2 + g] = devices[g];
        return s;
    }

    @Override
    public void restore(double[] s) {
        if (s.length != 2 + devices.length) {
            throw new IllegalArgumentException("a best placement of " + devices.length + " groups has " + (2 + devices.length) + " values, got " + s.length);
        }
        stepTime = s[0];
        feasible = s[1] != 0;
        for (int g = 0; g < devices.length; g++) devices[g] = (int) s[2 + g];
    }

    /** The best placement a run's checkpoint holds. */
    public static BestPlacement from(TrainingState state) {
        if (!state.has(NAME)) throw new BadInputException("the checkpoint holds no best placement (not a learned placer's run)");
        double[] s = state.get(NAME);
        BestPlacement b = new BestPlacement(s.length - 2);
        b.restore(s);
        return b;
    }

    @Override
    public String toString() {
        return stepTime + (feasible ? "" : " (fails)") + " " + Arrays.toString(devices);
    }
}
