package io.gauntlet.benchmarks.cli;

import io.gauntlet.core.io.OutputPaths;
import java.io.OutputStream;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.BadInputException;
import io.gauntlet.core.env.Box;
import io.gauntlet.core.experiment.TrainedRun;
import io.gauntlet.core.policy.Policy;
import io.gauntlet.core.env.Env;
import io.gauntlet.core.env.EnvRegistry;
import io.gauntlet.core.env.Step;
import io.gauntlet.core.random.Rng;
import io.gauntlet.envs.locomotion.PlanarTask;
import io.gauntlet.envs.locomotion.SpatialTask;
import io.gauntlet.envs.physics.MjcfLoader;
import io.gauntlet.envs.physics.PlanarPainter;
import io.gauntlet.envs.physics.PlanarSim;
import io.gauntlet.envs.physics.Simulator;
import io.gauntlet.envs.physics.spatial.SpatialMjcf;
import io.gauntlet.envs.physics.spatial.SpatialPainter;
import io.gauntlet.envs.physics.spatial.SpatialSim;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gauntlet render}: draws a rollout of a locomotion task (or of the user's own MJCF file) as an animated GIF
 * (looping) or as a PNG strip of frames: planar tasks and models in their plane, 3D ones in perspective. Without a
 * checkpoint the policy is uniformly random (seeded by {@code --seed}).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Draw a rollout of a locomotion task (planar or 3D) as an animated GIF or a PNG strip of frames.")
public final class RenderCommand implements Callable<Integer> {
    static final int WIDTH = 480, HEIGHT = 320;
    static final int STRIP_WIDTH = 240, STRIP_HEIGHT = 200;
    /** The frames are held in memory until the file is written: two episodes of a locomotion task. */
    static final int MAX_STEPS = 2000, MAX_FRAMES = 100;

    @Option(names = "--env", description = "task id, e.g. Hopper-planar-v0 or Ant-3d-v0")
    String envId;

    @Option(names = "--model", paramLabel = "FILE.xml", description = "an MJCF robot file of your own (planar or 3D), driven by random controls (instead of --env)")
    Path modelFile;

    @Option(names = "--checkpoint", paramLabel = "RUN_DIR", description = "run directory whose policy acts (default: random actions)")
    Path checkpoint;

    @Option(names = "--steps", defaultValue = "300", description = "env steps to roll out, at most " + MAX_STEPS + " (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--frames", defaultValue = "8", description = "frames in a PNG strip, at most " + MAX_FRAMES + " (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seed", converter = SeedConverter.class, defaultValue = "0", description = "seed of the env and the random policy (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.gif|FILE.png", description = "output file")
    Path out;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gif = name.endsWith(".gif");
        if (!gif && !name.endsWith(".png")) throw new BadInputException("--out must end in .gif or .png: " + out);
        if (steps < 1 || steps > MAX_STEPS) throw new BadInputException("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
        if (frames < 1 || frames > MAX_FRAMES) throw new BadInputException("--frames must be in [1, " + MAX_FRAMES + "], got " + frames);
        if ((envId == null) == (modelFile == null) && checkpoint == null) {
            throw new BadInputException("render needs exactly one of --env ID or --model FILE.xml");
        }
        int width = gif ? WIDTH : STRIP_WIDTH, height = gif ? HEIGHT : STRIP_HEIGHT;
        Rollout rollout;
        String actor = "random policy";
        if (checkpoint != null) {
            if (modelFile != null) throw new BadInputException("--checkpoint acts in its run's task; it does not combine with --model");
            TrainedRun trained = TrainedRun.load(checkpoint);
            if (envId != null && !envId.equals(trained.envId())) {
                throw new BadInputException("--env " + envId + " is not the checkpoint's task (" + trained.envId() + ")");
            }
            envId = trained.envId();
            Env env = trained.makeEnv();
            rollout = new TaskRollout(envId, env, trained.policy(env), seed, width, height);
            actor = trained.algorithm().id() + " policy after " + trained.totalEnvSteps() + " steps (deterministic)";
        } else {
            rollout = envId != null ? new TaskRollout(envId, EnvRegistry.make(envId), null, seed, width, height)
                    : new ModelRollout(modelFile, seed, width, height);
        }
        String label = envId != null ? envId : modelFile.getFileName().toString();
        OutputPaths.requireFile("--out", out);

        // GIF: about 30 frames per simulated second; strip: `frames` evenly spaced steps
        int stride = gif ? Math.max(1, (int) Math.ceil(1 / (30 * rollout.dt()))) : Math.max(1, steps / frames);
        List<BufferedImage> images = new ArrayList<>();
        for (int t = 0; t <= steps; t++) {
            if (t % stride == 0 && (gif || images.size() < frames)) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                rollout.scene().paint(img, label + "  " + rollout.caption());
                images.add(img);
            }
            if (t < steps) rollout.advance();
        }

        int delayCs = (int) Math.round(stride * rollout.dt() * 100);
        AtomicFiles.write(out, stream -> {
            if (gif) writeGif(images, delayCs, stream);
            else writeStrip(images, stream);
        });
        System.out.println("wrote " + out + " (" + images.size() + " frames of " + label + ", " + actor + ")");
        return 0;
    }

    /** Draws the current state of a simulation into an image, with a caption. */
    private interface Scene {
        void paint(BufferedImage image, String caption);
    }

    /** A planar simulator drawn in its plane, a spatial one in perspective. */
    private static Scene sceneOf(Simulator physics, int width, int height) {
        if (physics instanceof PlanarSim sim) {
            PlanarPainter painter = new PlanarPainter(sim.model, width, height);
            return (image, caption) -> painter.paint(sim, image, caption);
        }
        SpatialSim sim = (SpatialSim) physics;
        SpatialPainter painter = new SpatialPainter(sim.model, width, height);
        return (image, caption) -> painter.paint(sim, image, caption);
    }

    /** What is being drawn: a simulation advanced one step at a time. */
    private interface Rollout {
        Scene scene();

        /** Seconds per step. */
        double dt();

        void advance();

        String caption();
    }

    /**
     * A registered task under a trained policy's deterministic actions (clipped to the action box, as in training)
     * or, without one, uniformly random actions; reset when an episode ends.
     */
    private static final class TaskRollout implements Rollout {
        final Env env;
        final Policy policy;
        final Step step;
        final Rng rng;
        final double[] action;
        final Scene scene;
        final double dt;
        double episodeReturn;
        int episode = 1, episodeSteps;

        TaskRollout(String id, Env env, Policy policy, long seed, int width, int height) {
            this.env = env;
            this.policy = policy;
            if (env.unwrapped() instanceof PlanarTask t) {
                scene = sceneOf(t.sim(), width, height);
                dt = t.dt();
            } else if (env.unwrapped() instanceof SpatialTask t) {
                scene = sceneOf(t.sim(), width, height);
                dt = t.dt();
            } else {
                throw new BadInputException("render draws the locomotion tasks (planar and 3D); '" + id + "' is not one");
            }
            step = Step.of(env);
            rng = new Rng(seed);
            action = new double[env.actionSpace().flatDim()];
            env.reset(seed, step);
        }

        public Scene scene() {
            return scene;
        }

        public double dt() {
            return dt;
        }

        public void advance() {
            if (policy == null) {
                env.actionSpace().sample(rng, action);
            } else {
                policy.actDeterministic(step.observation, action);
                if (env.actionSpace() instanceof Box box) box.clip(action);
            }
            env.step(action, step);
            episodeReturn += step.reward;
            episodeSteps++;
            if (step.done()) {
                env.reset(step);
                episodeReturn = 0;
                episodeSteps = 0;
                episode++;
            }
        }

        public String caption() {
            return String.format(Locale.ROOT, "ep %d  t=%.2fs  return %.1f", episode, episodeSteps * dt, episodeReturn);
        }
    }

    /**
     * A user's model under random controls (uniform in ctrlrange, standard normal if unlimited), about 0.01 s per
     * step: on the planar engine when the model is planar, else on the spatial one.
     */
    private static final class ModelRollout implements Rollout {
        final Simulator sim;
        final String name;
        final Scene scene;
        final Rng rng;
        final int substeps;
        double time;

        ModelRollout(Path file, long seed, int width, int height) {
            Simulator s;
            try {
                s = new PlanarSim(MjcfLoader.load(file));
            } catch (BadInputException notPlanar) {
                s = new SpatialSim(SpatialMjcf.load(file));
            }
            sim = s;
            name = file.getFileName().toString();
            scene = sceneOf(sim, width, height);
            rng = new Rng(seed);
            substeps = Math.max(1, (int) Math.round(0.01 / sim.timestep));
        }

        public Scene scene() {
            return scene;
        }

        public double dt() {
            return substeps * sim.timestep;
        }

        public void advance() {
            double[] ctrl = sim.ctrl;
            for (int a = 0; a < ctrl.length; a++) {
                double lo = sim.actuatorLow[a], hi = sim.actuatorHigh[a];
                ctrl[a] = Double.isFinite(lo) && Double.isFinite(hi) ? rng.uniform(lo, hi) : rng.nextGaussian();
            }
            for (int k = 0; k < substeps; k++) sim.step();
            time += dt();
            for (double v : sim.qvel) {
                if (!Double.isFinite(v)) throw new BadInputException("model " + name + " became unstable (non-finite velocity) at t=" + time);
            }
        }

        public String caption() {
            return String.format(Locale.ROOT, "t=%.2fs", time);
        }
    }

    static void writeStrip(List<BufferedImage> images, OutputStream out) throws IOException {
        BufferedImage strip = new BufferedImage(STRIP_WIDTH * images.size(), STRIP_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), i * STRIP_WIDTH, 0, null);
            g.setColor(java.awt.Color.GRAY);
            g.drawLine(i * STRIP_WIDTH, 0, i * STRIP_WIDTH, STRIP_HEIGHT);
        }
        g.dispose();
        if (!ImageIO.write(strip, "png", out)) throw new IOException("no PNG writer available");
    }

    /** An animated GIF that loops forever, {@code delayCs} hundredths of a second per frame. */
    static void writeGif(List<BufferedImage> images, int delayCs, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage img : images) {
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(img);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(Math.max(2, delayCs)));
                gce.setAttribute("transparentColorIndex", "0");
                IIOMetadataNode apps = child(root, "ApplicationExtensions");
                IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                app.setAttribute("applicationID", "NETSCAPE");
                app.setAttribute("authenticationCode", "2.0");
                app.setUserObject(new byte[] {1, 0, 0}); // loop forever
                apps.appendChild(app);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
