import net from "node:net";

/**
 * A TCP port nobody listens on right now, from the kernel (port 0), for a server a test starts:
 * fixed ports collide when several test runs (or a developer's own server) share the machine.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
