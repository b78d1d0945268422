/**
 * Installed in a page before its scripts run: records every RTCPeerConnection (to read getStats()),
 * the wall-clock time each <video> element (by data-testid) rendered its first frame, and when
 * elements were clicked.
 * Test instrumentation only; the product has no hooks for it.
 */
export function installMediaProbe(): void {
  const probe = {
    connections: [] as RTCPeerConnection[],
    firstFrameAt: {} as Record<string, number>,
    /** When an element with a data-testid was last clicked, as the page saw it. */
    clickedAt: {} as Record<string, number>,
  };
  (window as unknown as { __probe: typeof probe }).__probe = probe;
  document.addEventListener(
    'click',
    (event) => {
      const target = (event.target as Element | null)?.closest('[data-testid]');
      const id = target?.getAttribute('data-testid');
      if (id) probe.clickedAt[id] = Date.now();
    },
    { capture: true },
  );

  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      probe.connections.push(this);
    }
  } as typeof RTCPeerConnection;

  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...descriptor,
    set(this: HTMLMediaElement, value: MediaStream | null) {
      descriptor.set!.call(this, value);
      const id = this.dataset.testid;
      if (!id || !value || !(this instanceof HTMLVideoElement)) return;
      this.requestVideoFrameCallback(() => {
        probe.firstFrameAt[id] ??= Date.now();
      });
    },
  });
}

export interface InboundSummary {
  videoFramesDecoded: number[];
  videoFrameSizes: string[];
  audioPacketsReceived: number[];
}

/** Per inbound stream of every peer connection in the page: frames decoded, packets received. */
export async function readInboundStats(): Promise<InboundSummary> {
  const probe = (window as unknown as { __probe: { connections: RTCPeerConnection[] } }).__probe;
  const summary: InboundSummary = { videoFramesDecoded: [], videoFrameSizes: [], audioPacketsReceived: [] };
  for (const connection of probe.connections) {
    if (connection.connectionState === 'closed') continue;
    const report = await connection.getStats();
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp') return;
      if (stat.kind === 'video') {
        summary.videoFramesDecoded.push(Number(stat.framesDecoded ?? 0));
        summary.videoFrameSizes.push(`${String(stat.frameWidth)}x${String(stat.frameHeight)}`);
      }
      if (stat.kind === 'audio') summary.audioPacketsReceived.push(Number(stat.packetsReceived ?? 0));
    });
  }
  return summary;
}
