import { declareTable } from "../store/schema";

/** What the emulator keeps about itself, e.g. `clock` -> the clock's offset, so it survives a restart. */
export const meta = declareTable<{ offsetSeconds: number }>({ name: "meta" });
