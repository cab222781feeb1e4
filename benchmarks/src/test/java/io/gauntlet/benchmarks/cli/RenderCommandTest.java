package io.gauntlet.benchmarks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    /** Renders {@code frames} frames of {@code steps} steps of the task {@code env} as a PNG strip, and reads it back. */
    private BufferedImage strip(String env, int steps, int frames) throws Exception {
        Path out = dir.resolve(env + ".png");
        assertEquals(0, CliRunner.run("render", "--env", env, "--steps", "" + steps, "--frames", "" + frames, "--out", out.toString()).status());
        return ImageIO.read(out.toFile());
    }

    @Test
    void pngStripHasOneTilePerFrame() throws Exception {
        BufferedImage img = strip("Hopper-planar-v0", 40, 4);
        assertEquals(4 * RenderCommand.STRIP_WIDTH, img.getWidth());
        assertEquals(RenderCommand.STRIP_HEIGHT, img.getHeight());
    }

    @Test
    void threeDimensionalTasksAreDrawnInPerspective() throws Exception {
        BufferedImage img = strip("Ant-3d-v0", 20, 2);
        assertEquals(2 * RenderCommand.STRIP_WIDTH, img.getWidth());
        // the ant's colour (0.8 0.6 0.4) appears in the frame
        int ant = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                if (r > g + 20 && g > b + 20) ant++;
            }
        }
        assertTrue(ant > 200, "the ant must be drawn, found " + ant + " pixels of its colour");
        Path gif = dir.resolve("humanoid.gif");
        assertEquals(0, CliRunner.run("render", "--env", "Humanoid-3d-v0", "--steps", "3", "--out", gif.toString()).status());
        assertTrue(Files.size(gif) > 0);
    }

    @Test
    void gifIsAnimatedAndLoops() throws Exception {
        Path out = dir.resolve("cheetah.gif");
        assertEquals(0, CliRunner.run("render", "--env", "HalfCheetah-planar-v0", "--steps", "10", "--out", out.toString()).status());
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(11, reader.getNumImages(true));
        }
        assertTrue(new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"));
    }

    @Test
    void rendersAUsersOwnModelFile() throws Exception {
        Path xml = dir.resolve("arm.xml");
        Files.writeString(xml, "<mujoco model='arm'><worldbody><geom name='floor' type='plane' size='5 5 1'/>"
                + "<body name='base' pos='0 0 0.3'><joint name='x' type='slide' axis='1 0 0'/><joint name='z' type='slide' axis='0 0 1'/>"
                + "<joint name='r' type='hinge' axis='0 1 0'/><geom type='box' size='0.2 0.1 0.05'/>"
                + "<body name='arm' pos='0.2 0 0'><joint name='elbow' type='hinge' axis='0 1 0' range='-60 60'/>"
                + "<geom type='capsule' fromto='0 0 0 0.3 0 0' size='0.03'/></body></body></worldbody>"
                + "<actuator><motor joint='elbow' gear='5' ctrlrange='-1 1'/></actuator></mujoco>");
        Path out = dir.resolve("arm.png");
        assertEquals(0, CliRunner.run("render", "--model", xml.toString(), "--steps", "30", "--frames", "3", "--out", out.toString()).status());
        assertEquals(3 * RenderCommand.STRIP_WIDTH, ImageIO.read(out.toFile()).getWidth());
        Path ball = dir.resolve("ball.xml"); // not planar: drawn in 3D
        Files.writeString(ball, "<mujoco><worldbody><body name='b'><joint name='j' type='ball'/><geom size='0.1'/></body></worldbody></mujoco>");
        assertEquals(0, CliRunner.run("render", "--model", ball.toString(), "--steps", "5", "--frames", "1", "--out", dir.resolve("b.png").toString()).status());
        Path mesh = dir.resolve("mesh.xml");
        Files.writeString(mesh, "<mujoco><worldbody><body name='b'><freejoint/><geom type='mesh'/></body></worldbody></mujoco>");
        assertEquals(2, CliRunner.run("render", "--model", mesh.toString(), "--out", dir.resolve("m.png").toString()).status());
        assertFalse(Files.exists(dir.resolve("m.png")));
    }

    @Test
    void rendersATrainedRunsPolicyFromItsCheckpoint() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, CliRunner.run("train", "--env", "InvertedPendulum-planar-v0", "--algo", "reinforce",
                "--seed", "1", "--steps", "4000", "--set", "batch_size=2000", "--out", runs.toString()).status());
        Path run = runs.resolve("InvertedPendulum-planar-v0/reinforce/seed-1");
        io.gauntlet.core.experiment.TrainedRun trained = io.gauntlet.core.experiment.TrainedRun.load(run);
        assertTrue(trained.totalEnvSteps() >= 4000, "whole episodes: at least the budget");
        io.gauntlet.core.env.Env env = trained.makeEnv();
        assertTrue(java.util.Arrays.equals(trained.state().get("policy"), trained.policy(env).params()));

        Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
        assertEquals(0, CliRunner.run("render", "--checkpoint", run.toString(), "--steps", "20", "--frames", "2", "--out", a.toString()).status());
        assertEquals(0, CliRunner.run("render", "--checkpoint", run.toString(), "--env", "InvertedPendulum-planar-v0",
                "--steps", "20", "--frames", "2", "--out", b.toString()).status());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "deterministic policy, same seed");
        assertEquals(2, CliRunner.run("render", "--checkpoint", run.toString(), "--env", "Hopper-planar-v0", "--out", dir.resolve("c.png").toString()).status());
        assertFalse(Files.exists(dir.resolve("c.png")));
    }

    @Test
    void aTrainedRunsEnvCarriesItsWrappersStatisticsFromTheCheckpoint() throws Exception {
        Path runs = dir.resolve("wrapped");
        for (String algo : new String[] {"ppo", "reinforce"}) {
            assertEquals(0, CliRunner.run("train", "--env", "InvertedPendulum-planar-v0:normalize-obs", "--algo", algo,
                    "--seed", "1", "--steps", "4096", "--set", algo.equals("ppo") ? "num_steps=1024" : "batch_size=2048",
                    "--out", runs.toString()).status());
        }
        for (String algo : new String[] {"ppo", "reinforce"}) {
            io.gauntlet.core.experiment.TrainedRun trained = io.gauntlet.core.experiment.TrainedRun.load(
                    runs.resolve("InvertedPendulum-planar-v0:normalize-obs/" + algo + "/seed-1"));
            double[] saved = algo.equals("ppo")
                    ? io.gauntlet.core.env.VectorEnv.firstCopySnapshot(trained.state().get("envs"))
                    : trained.state().get("env");
            io.gauntlet.core.env.Env env = trained.makeEnv();
            assertTrue(java.util.Arrays.equals(saved, env.snapshot()), algo + ": the env comes back as training left it");
            // A fresh env's normaliser has seen one observation; the trained one thousands: same start, other inputs.
            io.gauntlet.core.env.Env fresh = io.gauntlet.core.env.EnvRegistry.make("InvertedPendulum-planar-v0:normalize-obs");
            io.gauntlet.core.env.Step a = io.gauntlet.core.env.Step.of(env), b = io.gauntlet.core.env.Step.of(fresh);
            env.reset(7, a);
            fresh.reset(7, b);
            assertFalse(java.util.Arrays.equals(a.observation, b.observation), algo);
        }
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() {
        Path out = dir.resolve("x.gif");
        assertEquals(2, CliRunner.run("render", "--env", "NoSuchEnv-v0", "--out", out.toString()).status());
        assertEquals(2, CliRunner.run("render", "--env", "CartPole-v1", "--out", out.toString()).status());
        assertEquals(2, CliRunner.run("render", "--env", "Hopper-planar-v0", "--out", dir.resolve("x.jpg").toString()).status());
        assertEquals(2, CliRunner.run("render", "--env", "Hopper-planar-v0", "--checkpoint", dir.toString(), "--out", out.toString()).status());
        assertEquals(2, CliRunner.run("render", "--out", out.toString()).status());
        assertFalse(Files.exists(out));
    }
}
