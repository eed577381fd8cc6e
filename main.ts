/**
 * The `skiff` command: `deno run -A main.ts up [flags]` (or `deno task start [flags]`).
 *
 * @module
 */
import { main } from "@skiff/cli";

if (import.meta.main) Deno.exit(await main(Deno.args));
