package io.gauntlet.envs.physics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reference files written by tools/mujoco_reference.sh: one row of numbers per env step, '#' lines are comments. */
public final class MujocoReference {
    private MujocoReference() {}

    /**
     * One env step under the script's open-loop controls: {@code ctrl[a] = A sin(ω k + a)} at env step k, held for
     * {@code frameSkip} simulator steps.
     */
    public static void step(Simulator sim, int k, int frameSkip, double amplitude, double frequency) {
        for (int a = 0; a < sim.ctrl.length; a++) sim.ctrl[a] = amplitude * Math.sin(frequency * k + a);
        for (int i = 0; i < frameSkip; i++) sim.step();
    }

    public static List<double[]> read(String resource) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                MujocoReference.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) v[i] = Double.parseDouble(f[i]);
                rows.add(v);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }
}
