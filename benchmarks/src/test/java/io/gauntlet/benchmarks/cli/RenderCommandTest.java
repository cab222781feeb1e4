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

    @Test
    void pngStripHasOneTilePerFrame() throws Exception {
        Path out = dir.resolve("hopper.png");
        assertEquals(0, Gauntlet.execute("render", "--env", "Hopper-planar-v0", "--steps", "40", "--frames", "4", "--out", out.toString()));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(4 * RenderCommand.STRIP_WIDTH, img.getWidth());
        assertEquals(RenderCommand.STRIP_HEIGHT, img.getHeight());
    }

    @Test
    void gifIsAnimatedAndLoops() throws Exception {
        Path out = dir.resolve("cheetah.gif");
        assertEquals(0, Gauntlet.execute("render", "--env", "HalfCheetah-planar-v0", "--steps", "10", "--out", out.toString()));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(11, reader.getNumImages(true));
        }
        assertTrue(new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"));
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() {
        Path out = dir.resolve("x.gif");
        assertEquals(2, Gauntlet.execute("render", "--env", "NoSuchEnv-v0", "--out", out.toString()));
        assertEquals(2, Gauntlet.execute("render", "--env", "CartPole-v1", "--out", out.toString()));
        assertEquals(2, Gauntlet.execute("render", "--env", "Hopper-planar-v0", "--out", dir.resolve("x.jpg").toString()));
        assertEquals(2, Gauntlet.execute("render", "--env", "Hopper-planar-v0", "--checkpoint", dir.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out));
    }
}
