package io.warmline.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** A PNG line chart of speed to alert (p50, p99) per arrival rate, on a log scale, with the 100 ms goal. */
final class Chart {

    private Chart() {
    }

    static void write(List<SpeedToAlert.Step> steps, double floorP50, double floorP99, Path file) throws Exception {
        int width = 900, height = 500, left = 80, right = 30, top = 50, bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double minMs = 1, maxMs = 10_000;
        int plotW = width - left - right, plotH = height - top - bottom;
        java.util.function.DoubleUnaryOperator y = ms -> top + plotH
                - plotH * (Math.log10(Math.max(minMs, Math.min(maxMs, ms))) - Math.log10(minMs))
                / (Math.log10(maxMs) - Math.log10(minMs));
        java.util.function.IntUnaryOperator x = i -> left + (steps.size() == 1 ? plotW / 2 : i * plotW / (steps.size() - 1));
        g.setColor(Color.LIGHT_GRAY);
        for (double ms = minMs; ms <= maxMs; ms *= 10) {
            int yy = (int) y.applyAsDouble(ms);
            g.drawLine(left, yy, width - right, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString((ms >= 1000 ? (int) (ms / 1000) + " s" : (int) ms + " ms"), 10, yy + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        for (int i = 0; i < steps.size(); i++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(steps.get(i).rate() + "/s", x.applyAsInt(i) - 15, height - bottom + 20);
        }
        g.drawString("leads per second (open loop)", width / 2 - 80, height - 15);
        line(g, steps.size(), x, i -> y.applyAsDouble(100), new Color(0, 150, 0), true);
        line(g, steps.size(), x, i -> y.applyAsDouble(floorP99), Color.GRAY, true);
        line(g, steps.size(), x, i -> y.applyAsDouble(steps.get(i).latency().p50()), new Color(30, 90, 200), false);
        line(g, steps.size(), x, i -> y.applyAsDouble(steps.get(i).latency().p99()), new Color(210, 60, 40), false);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString("Warmline speed to alert: webhook due -> alert on the rep's stream", left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend(g, left + 10, top + 15, new Color(30, 90, 200), "p50");
        legend(g, left + 70, top + 15, new Color(210, 60, 40), "p99");
        legend(g, left + 130, top + 15, new Color(0, 150, 0), "goal: p99 100 ms");
        legend(g, left + 270, top + 15, Color.GRAY, String.format("floor of the hops, p99 (%.1f ms)", floorP99));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void line(Graphics2D g, int n, java.util.function.IntUnaryOperator x,
                             java.util.function.IntToDoubleFunction y, Color color, boolean dashed) {
        g.setColor(color);
        g.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 4}, 0)
                : new BasicStroke(2.5f));
        if (n == 1) {
            g.fillOval(x.applyAsInt(0) - 4, (int) y.applyAsDouble(0) - 4, 8, 8);
        }
        for (int i = 1; i < n; i++) {
            g.drawLine(x.applyAsInt(i - 1), (int) y.applyAsDouble(i - 1), x.applyAsInt(i), (int) y.applyAsDouble(i));
        }
        for (int i = 0; i < n && !dashed; i++) {
            g.fillOval(x.applyAsInt(i) - 3, (int) y.applyAsDouble(i) - 3, 6, 6);
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 8, 12, 8);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 16, y);
    }
}
