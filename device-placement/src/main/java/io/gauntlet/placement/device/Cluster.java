package io.gauntlet.placement.device;

import io.gauntlet.core.io.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.gauntlet.core.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine: named devices, the link between every pair (full duplex: each direction is its own channel), and the
 * cost profile its step times follow by default. JSON format (shipped clusters live in resources
 * {@code io/gauntlet/placement/clusters/ID.json}):
 * <pre>
 * { "id": "1cpu-4k80", "description": "...", "profile": "tf2017-k80",        // default: roofline
 *   "devices": [ {"name": "cpu0", "type": "haswell"}, {"type": "k80", "count": 4, "prefix": "gpu"} ],
 *   "defaultLink": "pcie3",
 *   "links": [ {"among": ["gpu0", "gpu1"], "type": "nvlink2"} ] }   // later entries override earlier ones
 * </pre>
 */
public final class Cluster {
    public record Device(String name, DeviceType type) {}

    private final String id;
    private final String description;
    private final List<Device> devices;
    private final LinkType[][] links;
    private final CostProfile profile;

    /** A cluster under the plain roofline profile. */
    public Cluster(String id, String description, List<Device> devices, LinkType[][] links) {
        this(id, description, devices, links, CostProfiles.ROOFLINE);
    }

    public Cluster(String id, String description, List<Device> devices, LinkType[][] links, CostProfile profile) {
        if (devices.isEmpty()) throw new BadInputException("cluster '" + id + "' has no devices");
        this.id = id;
        this.description = description;
        this.devices = List.copyOf(devices);
        this.links = links;
        this.profile = profile;
    }

    public String id() { return id; }
    public String description() { return description; }
    public int size() { return devices.size(); }
    public Device device(int i) { return devices.get(i); }
    public List<Device> devices() { return devices; }
    /** The cost profile this machine's step times follow unless a run names another. */
    public CostProfile profile() { return profile; }
    /** The link carrying data from device a to device b (a != b). */
    public LinkType link(int a, int b) { return links[a][b]; }

    /** Index of the first device of a kind ("cpu", "gpu"), or -1. */
    public int first(String kind) {
        for (int i = 0; i < devices.size(); i++) if (devices.get(i).type().kind().equals(kind)) return i;
        return -1;
    }

    /** Indices of all devices of a kind. */
    public int[] all(String kind) {
        return java.util.stream.IntStream.range(0, devices.size())
                .filter(i -> devices.get(i).type().kind().equals(kind)).toArray();
    }

    // ---------------------------------------------------------------- loading

    private static final String RESOURCE_DIR = "/io/gauntlet/placement/clusters/";

    /** Ids of the shipped clusters, in catalogue order. */
    public static List<String> shippedIds() {
        try (InputStream in = Cluster.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
            List<String> ids = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                if (!line.isBlank()) ids.add(line.trim());
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A shipped cluster by id, or a cluster JSON file if the argument ends in .json. */
    public static Cluster load(String idOrFile) {
        if (idOrFile.endsWith(".json")) {
            return fromJson(InputFiles.readString("cluster file", Path.of(idOrFile)));
        }
        if (!idOrFile.matches("[A-Za-z0-9._-]+") || !shippedIds().contains(idOrFile))
            throw new BadInputException("unknown cluster '" + idOrFile + "' (known: " + String.join(", ", shippedIds()) + ")");
        try (InputStream in = Cluster.class.getResourceAsStream(RESOURCE_DIR + idOrFile + ".json")) {
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Cluster fromJson(String json) {
        JsonNode root = InputFiles.parseJson("cluster file", json);
        String id = root.path("id").asText("cluster");
        CostProfile profile;
        try {
            profile = CostProfiles.get(root.path("profile").asText(RooflineProfile.ID));
        } catch (BadInputException e) {
            throw new BadInputException("cluster '" + id + "': " + e.getMessage());
        }
        List<Device> devices = new ArrayList<>();
        Map<String, Integer> byName = new LinkedHashMap<>();
        Map<String, Integer> perKind = new LinkedHashMap<>();
        for (JsonNode d : root.path("devices")) {
            DeviceType type = Devices.device(d.path("type").asText(""));
            int count = d.path("count").asInt(1);
            if (count < 1 || count > 4096)
                throw new BadInputException("cluster '" + id + "': device count must be between 1 and 4096, not " + count);
            for (int k = 0; k < count; k++) {
                String name = d.has("name") && count == 1 ? d.get("name").asText()
                        : d.path("prefix").asText(type.kind()) + perKind.getOrDefault(type.kind(), 0);
                perKind.merge(type.kind(), 1, Integer::sum);
                if (byName.put(name, devices.size()) != null)
                    throw new BadInputException("cluster '" + id + "': device '" + name + "' is defined twice");
                devices.add(new Device(name, type));
            }
        }
        int n = devices.size();
        LinkType[][] links = new LinkType[n][n];
        LinkType def = Devices.link(root.path("defaultLink").asText("pcie3"));
        for (LinkType[] row : links) java.util.Arrays.fill(row, def);
        for (JsonNode l : root.path("links")) {
            LinkType type = Devices.link(l.path("type").asText(""));
            List<Integer> members = new ArrayList<>();
            for (JsonNode m : l.path("among")) {
                Integer i = byName.get(m.asText());
                if (i == null) throw new BadInputException("cluster '" + id + "': link names unknown device '" + m.asText() + "'");
                members.add(i);
            }
            for (int a : members) for (int b : members) if (a != b) links[a][b] = type;
        }
        return new Cluster(id, root.path("description").asText(""), devices, links, profile);
    }
}
