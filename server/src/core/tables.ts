/** Kernel routing table ids for the names iproute2 prints. */
const TABLE_IDS: Readonly<Record<string, number>> = { unspec: 0, default: 253, main: 254, local: 255 };

export const MAIN_TABLE = 254;
export const LOCAL_TABLE = 255;
export const DEFAULT_TABLE = 253;

/** Numeric id of a table name, or undefined when it is neither a known name nor a number. */
export function tableId(name: string): number | undefined {
  const known = TABLE_IDS[name];
  if (known !== undefined) return known;
  if (!/^\d{1,10}$/.test(name)) return undefined;
  const id = Number(name);
  return id <= 0xffffffff ? id : undefined;
}

export function tableName(id: number): string {
  for (const [name, value] of Object.entries(TABLE_IDS)) if (value === id) return name;
  return String(id);
}
