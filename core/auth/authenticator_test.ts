import assert from "node:assert/strict";
import { type Authenticator, bearerToken, unionAuthenticator, type UserInfo } from "./authenticator.ts";
import { createTokenAuthenticator } from "./token_authenticator.ts";

const withAuth = (value?: string) =>
  new Request("https://skiff/api", { headers: value === undefined ? {} : { authorization: value } });

const fixed = (user: UserInfo | null): Authenticator => ({ authenticate: () => Promise.resolve(user) });

Deno.test("a bearer token is read with a case-insensitive scheme and nothing else counts", () => {
  assert.equal(bearerToken(withAuth("Bearer abc")), "abc");
  assert.equal(bearerToken(withAuth("bearer abc extra")), "abc");
  assert.equal(bearerToken(withAuth("  BEARER abc  ")), "abc");
  assert.equal(bearerToken(withAuth("Bearer ")), null);
  assert.equal(bearerToken(withAuth("Bearer  abc")), null);
  assert.equal(bearerToken(withAuth("Basic YTpi")), null);
  assert.equal(bearerToken(withAuth()), null);
});

Deno.test("the union returns the first user found and adds system:authenticated to its groups", async () => {
  const authn = unionAuthenticator(
    fixed(null),
    fixed({ username: "alice", groups: ["dev"] }),
    fixed({ username: "never", groups: [] }),
  );
  assert.deepEqual(await authn.authenticate(withAuth()), {
    username: "alice",
    groups: ["dev", "system:authenticated"],
  });
  assert.equal(await unionAuthenticator(fixed(null)).authenticate(withAuth()), null);
});

Deno.test("system:authenticated is not added twice nor given to the anonymous user", async () => {
  const once = { username: "bob", groups: ["system:authenticated"] };
  assert.deepEqual(await unionAuthenticator(fixed(once)).authenticate(withAuth()), once);
  const anon = { username: "system:anonymous", groups: ["system:unauthenticated"] };
  assert.deepEqual(await unionAuthenticator(fixed(anon)).authenticate(withAuth()), anon);
});

Deno.test("a token user handed out cannot be changed by the caller for later requests", async () => {
  const authn = await createTokenAuthenticator([{ token: "t", username: "bob", uid: "", groups: ["dev"] }]);
  const first = await authn.authenticate(withAuth("Bearer t"));
  first!.groups.push("system:masters");
  assert.deepEqual(await authn.authenticate(withAuth("Bearer t")), { username: "bob", groups: ["dev"] });
});
