import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromiumPath } from './browser.ts';

const run = promisify(execFile);

/**
 * A booth's line that can be cut: a network namespace of its own joined to this host by a veth
 * pair, so that a Chromium started in it (through `executablePath`) reaches a server listening on
 * `hostAddress` only through that pair. `drop()` takes the booth's end of the pair down (signalling
 * and media alike, as a pulled cable or a dead router would), `restore()` brings it back. DevTools'
 * offline emulation is no substitute: it stops HTTP and WebSockets but lets WebRTC through.
 * Needs root (ip netns); nothing leaves the pair.
 */
export class BoothLine {
  readonly #namespace: string;
  readonly #boothInterface: string;
  readonly #hostInterface: string;
  readonly #folder: string;
  /** This host's end of the pair: where a server for the booth must listen. */
  readonly hostAddress: string;
  /** A wrapper that runs Chromium inside the booth's namespace, for `launchChromium`. */
  readonly executablePath: string;
  #isClosed = false;

  private constructor(id: number, folder: string) {
    this.#namespace = `madoguchi-booth-${id}`;
    this.#boothInterface = `mdgb${id}`;
    this.#hostInterface = `mdgh${id}`;
    this.#folder = folder;
    this.hostAddress = `10.231.${id % 250}.1`;
    this.executablePath = path.join(folder, 'chromium-in-booth');
  }

  /** Creates the namespace, the pair and the Chromium wrapper. */
  static async create(): Promise<BoothLine> {
    const id = process.pid % 10_000;
    const folder = await mkdtemp(path.join(os.tmpdir(), 'madoguchi-booth-line-'));
    const line = new BoothLine(id, folder);
    try {
      await line.#setUp(`10.231.${id % 250}.2`);
    } catch (error) {
      await line.close();
      throw error;
    }
    return line;
  }

  async #setUp(boothAddress: string): Promise<void> {
    const ns = this.#namespace;
    await run('ip', ['netns', 'add', ns]);
    await run('ip', [
      'link',
      'add',
      this.#hostInterface,
      'type',
      'veth',
      'peer',
      'name',
      this.#boothInterface,
    ]);
    await run('ip', ['link', 'set', this.#boothInterface, 'netns', ns]);
    await run('ip', ['addr', 'add', `${this.hostAddress}/30`, 'dev', this.#hostInterface]);
    await run('ip', ['link', 'set', this.#hostInterface, 'up']);
    await run('ip', ['-n', ns, 'addr', 'add', `${boothAddress}/30`, 'dev', this.#boothInterface]);
    await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    await run('ip', ['-n', ns, 'link', 'set', this.#boothInterface, 'up']);
    await writeFile(this.executablePath, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`);
    await chmod(this.executablePath, 0o755);
  }

  /** Cuts the line: the booth's end of the pair goes down. */
  async drop(): Promise<void> {
    await run('ip', ['-n', this.#namespace, 'link', 'set', this.#boothInterface, 'down']);
  }

  /** The line is back. */
  async restore(): Promise<void> {
    await run('ip', ['-n', this.#namespace, 'link', 'set', this.#boothInterface, 'up']);
  }

  /**
   * The booth's firewall lets nothing out of its line but what `rule` allows (iptables inside the
   * namespace, so the rules go with it): `no-udp` drops every UDP packet, `tcp-only-to` also every
   * TCP segment but those to `ports` of this host's end. Replaces any firewall set before.
   */
  async firewall(
    rule: { kind: 'no-udp' } | { kind: 'tcp-only-to'; ports: readonly number[] },
  ): Promise<void> {
    await this.openFirewall();
    const out = ['-A', 'OUTPUT', '-o', this.#boothInterface];
    await this.#iptables([...out, '-p', 'udp', '-j', 'DROP']);
    if (rule.kind === 'tcp-only-to') {
      const allowed = rule.ports.join(',');
      await this.#iptables([
        ...out,
        '-p',
        'tcp',
        '-d',
        this.hostAddress,
        '-m',
        'multiport',
        '--dports',
        allowed,
        '-j',
        'ACCEPT',
      ]);
      await this.#iptables([...out, '-p', 'tcp', '-j', 'DROP']);
    }
  }

  /** Packets the booth's firewall has dropped so far, by protocol. */
  async droppedPackets(): Promise<{ udp: number; tcp: number }> {
    const { stdout } = await run('ip', [
      'netns',
      'exec',
      this.#namespace,
      'iptables',
      '-w',
      '-n',
      '-v',
      '-x',
      '-L',
      'OUTPUT',
    ]);
    const dropped = { udp: 0, tcp: 0 };
    for (const line of stdout.split('\n')) {
      // Numeric output (-n) names protocols by number: 17 is UDP, 6 is TCP.
      const [packets, , target, protocol] = line.trim().split(/\s+/);
      if (target !== 'DROP') continue;
      if (protocol === '17') dropped.udp += Number(packets);
      if (protocol === '6') dropped.tcp += Number(packets);
    }
    return dropped;
  }

  /** The booth's firewall lets everything through again. */
  async openFirewall(): Promise<void> {
    await this.#iptables(['-F', 'OUTPUT']);
  }

  async #iptables(args: readonly string[]): Promise<void> {
    await run('ip', ['netns', 'exec', this.#namespace, 'iptables', '-w', ...args]).catch((error: unknown) => {
      const isMissing = (error as { stderr?: string }).stderr?.includes('No such file') ?? false;
      throw new Error(
        isMissing
          ? "the booth's firewall needs iptables (Debian package iptables), which is not installed"
          : `iptables ${args.join(' ')} failed in ${this.#namespace}`,
        { cause: error },
      );
    });
  }

  /** Removes the pair, the namespace (with its firewall) and the wrapper; safe to call twice. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await run('ip', ['link', 'del', this.#hostInterface]).catch(() => undefined);
    await run('ip', ['netns', 'del', this.#namespace]).catch(() => undefined);
    await rm(this.#folder, { recursive: true, force: true });
  }
}
