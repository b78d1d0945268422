/** The ICE candidate pair a connected peer connection uses, as getStats reports it. */
export interface IcePair {
  /** `host`, `srflx`, `prflx` or `relay`. */
  localType: string;
  /** How the pair's packets travel from the browser: `udp` or `tcp` (to TURN, see relayProtocol). */
  protocol: string;
  /** For a relay candidate: how the browser reaches TURN (`udp`, `tcp`, `tls`). */
  relayProtocol: string | undefined;
  /** For a relay candidate: the TURN server it was allocated on. */
  url: string | undefined;
  remoteAddress: string;
  remotePort: number;
}

/**
 * Runs in the page: the selected candidate pair of every connected peer connection (recorded by
 * the media probe).
 */
export async function readIcePairs(): Promise<IcePair[]> {
  const probe = (window as unknown as { __probe: { connections: RTCPeerConnection[] } }).__probe;
  const pairs: IcePair[] = [];
  for (const connection of probe.connections) {
    if (connection.connectionState !== 'connected') continue;
    const report = await connection.getStats();
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'transport' || typeof stat.selectedCandidatePairId !== 'string') return;
      const pair = report.get(stat.selectedCandidatePairId) as Record<string, unknown> | undefined;
      const local = report.get(String(pair?.localCandidateId)) as Record<string, unknown> | undefined;
      const remote = report.get(String(pair?.remoteCandidateId)) as Record<string, unknown> | undefined;
      pairs.push({
        localType: String(local?.candidateType),
        protocol: String(local?.protocol),
        relayProtocol: local?.relayProtocol as string | undefined,
        url: local?.url as string | undefined,
        remoteAddress: String(remote?.address),
        remotePort: Number(remote?.port),
      });
    });
  }
  return pairs;
}
