import type { Address, Family } from '../../net/address';
import { type Prefix, defaultPrefix, prefixKey } from '../../net/prefix';
import { PrefixTrie } from '../../trie';
import type { AllowedIp, WgConfig, WgPeer } from './model';

/** One AllowedIPs item of one peer. */
export interface Claim {
  readonly peer: WgPeer;
  readonly allowed: AllowedIp;
}

/** A claim that `wg` drops when it loads the config, and why. */
export interface LostClaim {
  readonly claim: Claim;
  /** `identical`: a later peer lists the same prefix; `replaced`: a later section with the same PublicKey. */
  readonly reason: 'identical' | 'replaced';
  /** The claim or section that took over. */
  readonly winner: Claim | undefined;
  readonly replacedBy: WgPeer | undefined;
}

/** The identity `wg` uses: the public key, or the section itself when the key is missing or malformed. */
export function identity(peer: WgPeer): string {
  return peer.publicKey ?? `#${peer.index}`;
}

/**
 * Cryptokey routing as `wg setconf` leaves it. Sections are applied in order, as the kernel and
 * wireguard-go do: a [Peer] with a known PublicKey first drops every prefix that peer held (the section
 * replaces its AllowedIPs), and inserting a prefix another peer holds moves it to the new peer.
 * The result is a longest-prefix table over all peers.
 */
export class CryptokeyRouting {
  readonly lost: readonly LostClaim[];
  private readonly tries = new Map<Family, PrefixTrie<Claim>>();
  private readonly effective: readonly Claim[];
  private readonly claimByAllowed = new Map<AllowedIp, Claim>();
  private readonly lostByAllowed = new Map<AllowedIp, LostClaim>();

  constructor(readonly config: WgConfig) {
    const table = new Map<string, Claim>();
    /** Prefix keys each identity holds, so a repeated PublicKey drops its own prefixes without a scan. */
    const held = new Map<string, Set<string>>();
    const lost: LostClaim[] = [];
    for (const peer of config.peers) {
      const id = identity(peer);
      for (const key of held.get(id) ?? []) {
        const claim = table.get(key);
        if (!claim) continue;
        table.delete(key);
        lost.push({ claim, reason: 'replaced', winner: undefined, replacedBy: peer });
      }
      const mine = new Set<string>();
      held.set(id, mine);
      for (const allowed of peer.allowedIps) {
        const key = prefixKey(allowed.prefix);
        const previous = table.get(key);
        const claim: Claim = { peer, allowed };
        if (previous && identity(previous.peer) !== id) {
          lost.push({ claim: previous, reason: 'identical', winner: claim, replacedBy: undefined });
          held.get(identity(previous.peer))?.delete(key);
        }
        // Map order follows first insertion; delete first so iteration follows the latest owner.
        table.delete(key);
        table.set(key, claim);
        mine.add(key);
      }
    }
    this.lost = lost;
    this.effective = [...table.values()];
    for (const claim of this.effective) this.claimByAllowed.set(claim.allowed, claim);
    for (const l of lost) this.lostByAllowed.set(l.claim.allowed, l);
    for (const claim of this.effective) {
      this.trie(claim.allowed.prefix.family).upsert(claim.allowed.prefix, () => claim, () => undefined);
    }
  }

  /** Prefixes as `wg show allowed-ips` would list them. */
  get claims(): readonly Claim[] {
    return this.effective;
  }

  /** The peer that receives `address`, by longest prefix over every peer's AllowedIPs. */
  peerFor(address: Address): Claim | undefined {
    return this.trie(address.family).longest(address)?.value;
  }

  /** Every claim containing `address`, longest first. */
  containing(address: Address): Claim[] {
    return this.trie(address.family).matches(address).map((e) => e.value);
  }

  /** The longest claim containing all of `prefix`. */
  coveringClaim(prefix: Prefix): Claim | undefined {
    return this.trie(prefix.family).covering(prefix)[0]?.value;
  }

  /** Claims strictly inside `prefix`, in address order. */
  within(prefix: Prefix, limit = Infinity): Claim[] {
    return this.trie(prefix.family).within(prefix, limit).map((e) => e.value);
  }

  /** The outermost claims strictly inside `prefix` that pass `accept`, in address order. */
  frontier(prefix: Prefix, accept: (claim: Claim) => boolean, limit = Infinity): Claim[] {
    return this.trie(prefix.family).frontier(prefix, accept, limit).map((e) => e.value);
  }

  /** True when claims strictly inside `prefix` that pass `accept` cover all of it. */
  coveredInside(prefix: Prefix, accept: (claim: Claim) => boolean): boolean {
    return this.trie(prefix.family).coveredInside(prefix, accept);
  }

  /** True when every address of `prefix` goes to some peer. */
  covers(prefix: Prefix): boolean {
    if (this.coveringClaim(prefix)) return true;
    return this.trie(prefix.family).coveredInside(prefix, () => true);
  }

  /** True when every address of the family goes into the tunnel: a /0, or halves such as 0/1 + 128/1. */
  fullTunnel(family: Family): boolean {
    return this.covers(defaultPrefix(family));
  }

  /** The claim an AllowedIPs item became, when it survived loading. */
  claimFor(allowed: AllowedIp): Claim | undefined {
    return this.claimByAllowed.get(allowed);
  }

  /** Why an AllowedIPs item was dropped when the config was loaded, if it was. */
  lostFor(allowed: AllowedIp): LostClaim | undefined {
    return this.lostByAllowed.get(allowed);
  }

  private trie(family: Family): PrefixTrie<Claim> {
    let trie = this.tries.get(family);
    if (!trie) {
      trie = new PrefixTrie<Claim>(family);
      this.tries.set(family, trie);
    }
    return trie;
  }
}
