package io.vigil.ops;

import java.util.List;
import java.util.Map;

/** deploy/docker-compose.yml, read. */
final class Compose {
    static final String FILE = "deploy/docker-compose.yml";

    private Compose() {}

    static Map<String, Object> services() {
        return Yamls.mapAt(OpsFiles.yamlMap(FILE), FILE, "services");
    }

    static Map<String, Object> service(String name) {
        return Yamls.mapAt(services(), FILE + " services", name);
    }

    static List<String> volumes(String service) {
        return Yamls.listAt(service(service), FILE + " " + service, "volumes").stream().map(String::valueOf).toList();
    }
}
