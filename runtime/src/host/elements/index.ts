// The built-in host elements of the Node host, by Click class name.
import type { HostClass } from "../router.ts";
import { FromDumpClass } from "./from-dump.ts";
import { ToDumpClass } from "./to-dump.ts";
import { DiscardClass } from "./discard.ts";
import { InfiniteSourceClass } from "./infinite-source.ts";
import { QueueClass } from "./queue.ts";
import { SimpleQueueClass } from "./simple-queue.ts";
import { TeeClass } from "./tee.ts";
import { CounterClass } from "./counter.ts";
import { PrintClass } from "./print.ts";
import { IdleClass } from "./idle.ts";
import { deviceClasses } from "./netfront.ts";

export { deviceClasses, type DeviceMap } from "./netfront.ts";

export const HOST_CLASSES: HostClass[] = [
  FromDumpClass, ToDumpClass, DiscardClass, InfiniteSourceClass, QueueClass, SimpleQueueClass,
  TeeClass, CounterClass, PrintClass, IdleClass, ...deviceClasses(),
];
