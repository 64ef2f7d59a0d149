/** Retries of a contract operation that failed with a 5xx (E_TARGET), under the same idempotency key. */
import { TrancheError } from "../../domain/index.ts";

/** Attempts: a destination shedding a quarter of its load answers one in 10 with p ≈ 0.999999. */
const ATTEMPTS = 10;

/** Runs `operation`, again after an E_TARGET naming a 5xx answer; other errors propagate. */
export async function retry5xx<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const transient =
        error instanceof TrancheError && error.code === "E_TARGET" && /HTTP 5\d\d/.test(error.message);
      if (!transient || attempt >= ATTEMPTS) throw error;
    }
  }
}
