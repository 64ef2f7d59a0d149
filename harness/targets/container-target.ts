/**
 * The `container` target through testcontainers: starts an image with its port exposed, its
 * environment and an HTTP wait strategy on the health path, and stops it afterwards. Ryuk (the
 * resource reaper) is disabled unless asked for: it needs its own image from a registry, and the
 * target stops its container itself.
 */
import { TrancheError } from "../../domain/index.ts";

export interface ContainerTargetOptions {
  readonly image: string;
  /** Port the destination listens on inside the container (default 8080). */
  readonly containerPort?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Overrides the image's default command (arguments to its entrypoint). */
  readonly command?: readonly string[];
  readonly healthPath?: string;
  readonly startTimeoutMs?: number;
}

export interface StartedContainer {
  readonly baseUrl: string;
  readonly id: string;
  stop(): Promise<void>;
}

/** Starts the image and resolves once its health path answers 200. */
export async function startContainerTarget(options: ContainerTargetOptions): Promise<StartedContainer> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  const { GenericContainer, Wait } = await import("testcontainers");
  const port = options.containerPort ?? 8080;
  let container = new GenericContainer(options.image)
    .withExposedPorts(port)
    .withEnvironment({ ...options.env })
    .withWaitStrategy(Wait.forHttp(options.healthPath ?? "/health", port).forStatusCode(200))
    .withStartupTimeout(options.startTimeoutMs ?? 60_000);
  if (options.command) container = container.withCommand([...options.command]);
  try {
    const started = await container.start();
    return {
      baseUrl: `http://${started.getHost()}:${started.getMappedPort(port)}`,
      id: started.getId(),
      async stop() {
        await started.stop({ timeout: 5000 });
      },
    };
  } catch (error) {
    throw new TrancheError(
      "E_TARGET",
      `container ${options.image} did not start: ${(error as Error).message.split("\n")[0]}.`,
      "Check that Docker answers (scripts/docker-up.sh), the image exists locally (docker/build-image.sh) and serves GET /health.",
    );
  }
}
