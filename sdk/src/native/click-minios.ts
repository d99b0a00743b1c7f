// buildNative's glue for target minios (loaded by glue.ts glueFor).
import { registerNativeGlue } from "./glue.ts";
import { clickGlue } from "./click-glue.ts";

registerNativeGlue("minios", (ctx) => clickGlue(ctx));
