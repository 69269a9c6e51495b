// One call per test file: a mock Coder behind msw, fresh state (and cookie jar) for every test.
//
//   const { mock, cookies } = setupMockCoder();
//   it("signs in", async () => { await fetch("http://localhost/api/v2/users/login", …) });
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMockServer, type MockServer, type MockServerOptions } from "./msw.ts";

export function setupMockCoder(
  options: MockServerOptions & { onUnhandledFrame?: "bypass" | "warn" | "error" } = {},
): MockServer {
  const { onUnhandledFrame = "error", ...serverOptions } = options;
  const mockServer = createMockServer(serverOptions);
  beforeAll(() => mockServer.server.listen({ onUnhandledFrame }));
  afterEach(() => {
    mockServer.server.resetHandlers();
    mockServer.mock.reset();
  });
  afterAll(() => mockServer.server.close());
  return mockServer;
}
