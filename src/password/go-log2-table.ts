// Go's math.Log2 (linux/amd64) for every integer up to 1200 where it differs from a correctly
// rounded log2 (V8's Math.log2) by one ulp, as big-endian float64 bits. Measured with Go; see
// docs/test-facts.md. Test data: the port in log2.ts must reproduce these, and the tests use
// them as an independent reference.
const TABLE = `
3 0x3ff95c01a39fbd69     9 0x40095c01a39fbd69   107 0x401af7431f26a05c   137 0x401c646285b918ce
149 0x401ce06db66eca70 159 0x401d406463b1b044   211 0x401ee267d362ad90   214 0x401ef7431f26a05c
233 0x401f74ed3673c92c 276 0x4020379084815b58   294 0x4020663b741df9c4   314 0x402096d887e26cd6
338 0x4020cd4011c8f11a 340 0x4020d19bb053fb02   380 0x402123c41d42727c   414 0x40216310b8f55304
421 0x40216f7348bc5c62 552 0x4022379084815b58   571 0x4022508fc70b04ba   579 0x40225ad6bbd2aba0
588 0x4022663b741df9c4 628 0x402296d887e26cd6   676 0x4022cd4011c8f11a   680 0x4022d19bb053fb02
717 0x4022f8be9e80a03e 760 0x402323c41d42727c   828 0x40236310b8f55304   842 0x40236f7348bc5c62
1031 0x4024050841ac5264 1069 0x40241fc482e8b48b 1104 0x4024379084815b58 1121 0x402442da251223a6
1142 0x4024508fc70b04ba 1158 0x40245ad6bbd2aba0 1176 0x4024663b741df9c4 1197 0x4024734e63a0fa06
`;

/** Base → Go's log2(base), for the bases where it is not Math.log2(base). */
export const GO_LOG2_DIFFERS: ReadonlyMap<number, number> = new Map(
  Array.from(TABLE.matchAll(/(\d+) (0x[0-9a-f]{16})/g), ([, n, hex]) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(hex ?? "0"));
    return [Number(n), view.getFloat64(0)] as const;
  }),
);
