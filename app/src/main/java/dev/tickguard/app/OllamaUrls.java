package dev.tickguard.app;

import dev.tickguard.config.OllamaEndpointSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Repeated {@code --ollama URL} as a pool: each server named after its host ({@code gpu1} for
 * {@code http://gpu1:11434}), with the port when two share a host ({@code localhost-11435}), so
 * breaker names, chaos and metrics read like the machines.
 */
final class OllamaUrls {
    private OllamaUrls() {
    }

    static List<OllamaEndpointSettings> endpoints(List<String> urls) {
        List<OllamaEndpointSettings> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < urls.size(); i++) {
            String u = urls.get(i);
            String host;
            int port;
            try {
                URI uri = URI.create(u);
                host = uri.getHost() == null ? "ollama" : uri.getHost();
                port = uri.getPort();
            } catch (IllegalArgumentException e) {
                host = "ollama";
                port = -1;
            }
            String name = clean(host);
            if (taken.contains(name)) {
                name = clean(host + "-" + (port > 0 ? port : i + 1));
            }
            while (taken.contains(name)) {
                name = clean(name + "-" + (i + 1)); // the same URL twice: still two endpoints, told apart
            }
            taken.add(name);
            out.add(new OllamaEndpointSettings(name, u, 1, List.of()));
        }
        return out;
    }

    /** A host as an endpoint name: lower-case letters, digits, '_' and '-', at most 32, starting with a letter or digit. */
    private static String clean(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
        n = n.isEmpty() ? "ollama" : n;
        return n.length() > 32 ? n.substring(n.length() - 32) : n;
    }
}
