/**
 * The stacks that exist right now because of this pipeline, with the commands that would destroy
 * each: what the entry prints if it is forced to quit before destroying them.
 */
export class LiveStacks {
  readonly #stacks = new Map<string, string>();

  add(name: string, finishCommands: string): void {
    this.#stacks.set(name, finishCommands);
  }

  delete(name: string): void {
    this.#stacks.delete(name);
  }

  /** `[stack, commands]` pairs, in creation order. */
  entries(): [string, string][] {
    return [...this.#stacks.entries()];
  }
}
