// The built-in host elements of the Node host, by Click class name.
import type { HostClass } from "../router.ts";
import { FromDumpClass } from "./from-dump.ts";
import { ToDumpClass } from "./to-dump.ts";
import { DiscardClass } from "./discard.ts";

export const HOST_CLASSES: HostClass[] = [FromDumpClass, ToDumpClass, DiscardClass];
