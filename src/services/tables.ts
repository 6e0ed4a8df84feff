import { declareTable } from "../store/schema";
import type { OutboxMessage } from "./outbox";

/**
 * Messages the emulator "sent", keyed by a zero-padded sequence number (so oldest first). They outlive
 * the users and pools they went to: tests read them back after deleting those.
 */
/** Index key of the messages to one user of a pool, by the username they went to. */
export const messageUserRef = (poolId: string, username: string) => `${poolId}/${username}`;

export const messages = declareTable<OutboxMessage>({
  name: "messages",
  indexes: {
    byPool: (message) => message.userPoolId,
    byUser: (message) => messageUserRef(message.userPoolId, message.username),
    byUsername: (message) => message.username,
    // Pools that sign in by email store the sub as username; tests know the address.
    byDestination: (message) => message.destination.toLowerCase(),
  },
});
