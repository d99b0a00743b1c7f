// Every golden case of the standard elements: elements/<group>/tests/<Element>-NN.click
// with its .IN/.OUT captures, run in the Node host on the release build.
import { goldenSuite } from "@clickos/sdk/testing";

goldenSuite(new URL(".", import.meta.url).pathname, {
  elements: new URL("./build/elements.wasm", import.meta.url).pathname,
});
