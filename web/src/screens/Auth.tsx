// Sign in and sign up.
import { useState } from "preact/hooks";

import { call, signedIn } from "../api";
import { Link } from "../router";
import { ErrorNote, Screen, useAction } from "../ui";

export function AuthScreen({ mode }: { mode: "signin" | "signup" }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();
  const signup = mode === "signup";

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const tokens = signup
        ? await call((api) =>
            api.POST("/api/v1/auth/register", { body: { email, password, display_name: name } }),
          )
        : await call((api) => api.POST("/api/v1/auth/login", { body: { email, password } }));
      signedIn(tokens);
    });
  };

  return (
    <Screen title={signup ? "Create your account" : "Sign in"}>
      <form class="card narrow" onSubmit={submit}>
        {signup && (
          <label>
            Display name
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} required autocomplete="nickname" />
          </label>
        )}
        <label>
          Email
          <input
            type="email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            required
            autocomplete="email"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
            minLength={signup ? 8 : undefined}
            autocomplete={signup ? "new-password" : "current-password"}
          />
        </label>
        <ErrorNote error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {signup ? "Sign up" : "Sign in"}
        </button>
        <p>
          {signup ? (
            <>
              Have an account? <Link href="/signin">Sign in</Link>
            </>
          ) : (
            <>
              New here? <Link href="/signup">Create an account</Link>
            </>
          )}
        </p>
      </form>
    </Screen>
  );
}
