package dev.fabric.cluster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The running fabric a sub-command talks to: --endpoint URL, or the file `fabric up` wrote. */
class Target {
  @Option(names = "--endpoint", paramLabel = "URL", description = "The API of any member of a running fabric "
      + "(default: the endpoint file `fabric up` wrote, $FABRIC_ENDPOINT_FILE or ~/.fabric/endpoint.json).")
  String url;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long to wait for an answer (default 60).")
  int timeoutSeconds;

  /** A client of the fabric, or null after saying on stderr that none is running. */
  RemoteFabric connect() throws IOException {
    Endpoint e;
    if (url != null) {
      e = Endpoint.of(url);
    } else {
      Path file = Endpoint.defaultFile();
      if (!Files.exists(file)) {
        System.err.println("fabric: no fabric is running (no endpoint file " + file + "; start one with "
            + "`fabric up`, or give --endpoint URL)");
        return null;
      }
      e = Endpoint.read(file);
    }
    return new RemoteFabric(e, Duration.ofSeconds(timeoutSeconds));
  }
}
