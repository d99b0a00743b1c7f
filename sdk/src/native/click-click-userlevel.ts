// buildNative's glue for target click-userlevel (loaded by glue.ts glueFor).
import { registerNativeGlue } from "./glue.ts";
import { clickGlue } from "./click-glue.ts";

registerNativeGlue("click-userlevel", (ctx) => clickGlue(ctx));
