/**
 * Which lines share an account. A business account holds many lines (a company's fleet); a
 * consumer account holds one. The index space is cut into fixed blocks and each block's layout is a
 * pure function of (seed, block), so line i's account never depends on chunking or on other blocks.
 */
import { createStream, type Seed } from "../domain/index.ts";

const BLOCK = 4096;

export interface AccountLayoutOptions {
  readonly businessLineShare: number;
  readonly median: number;
  readonly sigma: number;
  readonly max: number;
}

interface Block {
  index: number;
  /** Index of the first line of each slot's account (the slot itself for consumer lines). */
  readonly start: Float64Array;
  readonly business: Uint8Array;
}

/** Account membership of every line under a seed, computed block by block with a small cache. */
export class AccountLayout {
  private readonly stream;
  private readonly options: AccountLayoutOptions;
  private readonly blocks: [Block, Block];
  private next = 0;

  constructor(seed: Seed, options: AccountLayoutOptions) {
    this.stream = createStream(seed, "base-accounts");
    this.options = options;
    const empty = (): Block => ({
      index: -1,
      start: new Float64Array(BLOCK),
      business: new Uint8Array(BLOCK),
    });
    this.blocks = [empty(), empty()];
  }

  /** Index of the first line of line `index`'s account. */
  accountStart(index: number): number {
    const block = this.block(Math.floor(index / BLOCK));
    return block.start[index % BLOCK] as number;
  }

  /** True when line `index` belongs to a business account. */
  isBusiness(index: number): boolean {
    return this.block(Math.floor(index / BLOCK)).business[index % BLOCK] === 1;
  }

  private block(b: number): Block {
    const [x, y] = this.blocks;
    if (x.index === b) return x;
    if (y.index === b) return y;
    const target = this.blocks[this.next] as Block;
    this.next = 1 - this.next;
    this.fill(target, b);
    return target;
  }

  private fill(block: Block, b: number): void {
    const { businessLineShare: share, median, sigma, max } = this.options;
    const rng = this.stream.record(b);
    const first = b * BLOCK;
    const spread = Math.sqrt(BLOCK * share * (1 - share));
    let businessLines = Math.round(BLOCK * share + spread * rng.normal());
    businessLines = Math.max(0, Math.min(BLOCK, businessLines));
    if (businessLines === 1) businessLines = 0;
    const offset = rng.int(0, BLOCK - businessLines);
    block.index = b;
    for (let s = 0; s < BLOCK; s++) {
      block.start[s] = first + s;
      block.business[s] = 0;
    }
    let slot = offset;
    let left = businessLines;
    while (left > 0) {
      let size = Math.max(2, Math.min(max, Math.round(rng.logNormal(median, sigma))));
      if (size > left || left - size === 1) size = left;
      for (let k = 0; k < size; k++) {
        block.start[slot + k] = first + slot;
        block.business[slot + k] = 1;
      }
      slot += size;
      left -= size;
    }
  }
}
