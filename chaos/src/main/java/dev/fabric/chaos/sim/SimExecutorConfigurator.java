package dev.fabric.chaos.sim;

import com.typesafe.config.Config;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * A dispatcher executor for Pekko's config ({@code executor = "dev.fabric.chaos.sim.SimExecutorConfigurator"}
 * with {@code sim-id}): every dispatcher of the system queues into the one {@link SimExecutor} of
 * its simulation.
 */
public final class SimExecutorConfigurator extends ExecutorServiceConfigurator {
  private final String id;

  public SimExecutorConfigurator(Config config, DispatcherPrerequisites prerequisites) {
    super(config, prerequisites);
    this.id = config.getString("sim-id");
  }

  @Override
  public ExecutorServiceFactory createExecutorServiceFactory(String dispatcherId, ThreadFactory threadFactory) {
    return () -> SimExecutor.of(id);
  }
}
