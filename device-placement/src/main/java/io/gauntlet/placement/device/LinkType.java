package io.gauntlet.placement.device;

/** An interconnect: a transfer of b bytes occupies the link for latency + b / bandwidth seconds. */
public record LinkType(String id, String description, double bandwidth, double latency) {
    public double transferTime(double bytes) {
        return latency + bytes / bandwidth;
    }
}
