/** A one-line progress bar on a terminal; plain lines when output goes to a file or CI log. */
export class Progress {
  private done_ = 0;
  private label = '';
  private printed = 0;
  private readonly tty: boolean;

  constructor(private readonly total: number, private readonly out: NodeJS.WriteStream) {
    this.tty = !!out.isTTY;
  }

  update(label: string): void {
    this.label = label;
    if (this.total > 1) this.draw();
  }

  tick(): void {
    this.done_++;
    if (this.total > 1) this.draw();
  }

  done(): void {
    if (this.total > 1 && this.tty) this.out.write('\n');
  }

  private draw(): void {
    const width = 28;
    const filled = Math.round((this.done_ / this.total) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done_}/${this.total} ${this.label}`;
    if (this.tty) this.out.write(`\r\x1b[2K${bar}`);
    else if (this.done_ > this.printed) {
      this.printed = this.done_;
      this.out.write(`${bar}\n`);
    }
  }
}
