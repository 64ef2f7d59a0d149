/**
 * One measured generation run, in its own process so its peak RSS (process.resourceUsage().maxRSS,
 * worker threads included) is the run's alone. Prints one JSON line: {ms, cpuMs, rssMb, count}.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createFileSink, runStreamJob, writeBase } from "../generators/index.ts";

const [mode = "base", countArg = "1000000", extra = "", dir = "."] = process.argv.slice(2);
const count = Number(countArg);
const refDate = "2026-03-01T00:00:00Z";
const countries = [
  ["GB", 0.6],
  ["DE", 0.3],
  ["US", 0.1],
] as const;
const out = join(dir, `bench-${mode}-${process.pid}.ndjson`);
const started = performance.now();
let produced = count;

if (mode === "base") {
  const workers = extra === "default" ? {} : { workers: Number(extra) };
  await writeBase({ seed: 1, refDate, count, countries }, { out, ...workers });
} else if (mode === "traffic") {
  // As `tranche generate traffic` runs it: in a worker with a bounded heap.
  const options = { seed: 1, from: refDate, durationSec: 30 * 86_400, eventsPerSubscriber: Number(extra) };
  const base = { spec: { seed: 1, refDate, count, countries } };
  produced = (await runStreamJob({ kind: "traffic", options, base, write: { out } })).events;
} else {
  // The naive baseline: one faker call per field, JSON.stringify per record. Imported only here,
  // so faker's memory never counts against the generator's runs.
  const { faker } = await import("@faker-js/faker");
  faker.seed(1);
  const sink = createFileSink(out);
  for (let i = 0; i < count; i++) {
    sink.write(
      `${JSON.stringify({
        id: faker.string.uuid(),
        accountId: faker.string.uuid(),
        msisdn: faker.phone.number({ style: "international" }),
        imsi: faker.string.numeric(15),
        iccid: `89${faker.string.numeric(17)}`,
        imei: faker.phone.imei(),
        paymentType: faker.helpers.arrayElement(["prepaid", "postpaid"]),
        planId: faker.helpers.arrayElement(["PAYG-BASIC", "PREPAID-S", "POSTPAID-S"]),
        addOns: [],
        status: faker.helpers.arrayElement(["active", "inactive", "suspended", "barred"]),
        activatedAt: faker.date.past({ years: 5 }).toISOString(),
        lastActivityAt: faker.date.recent({ days: 30 }).toISOString(),
        segment: faker.helpers.arrayElement(["consumer", "youth", "business"]),
        billing: {
          anchorDay: faker.number.int({ min: 1, max: 31 }),
          timezone: faker.location.timeZone(),
          currency: faker.finance.currencyCode(),
          balanceMinor: faker.number.int({ min: 0, max: 5000 }),
          periodStart: faker.date.recent({ days: 31 }).toISOString(),
          usageToDate: {
            voiceSec: faker.number.int(20000),
            smsCount: faker.number.int(300),
            dataBytes: faker.number.int(4e9),
          },
        },
        arpuMinor: faker.number.int({ min: 300, max: 5000 }),
        kyc: {
          name: faker.person.fullName(),
          dateOfBirth: faker.date.birthdate().toISOString().slice(0, 10),
          address: faker.location.streetAddress({ useFullAddress: true }),
          idDocument: faker.string.alphanumeric(9),
          verifiedAt: faker.date.past({ years: 5 }).toISOString(),
        },
        porting: {
          portedIn: faker.datatype.boolean(),
          donor: faker.company.name(),
          portedAt: faker.date.past().toISOString(),
        },
      })}\n`,
    );
  }
  sink.close();
}

const ms = performance.now() - started;
for (const f of [out, `${out}.truth.ndjson`, `${out}.li.ndjson`]) rmSync(f, { force: true });
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
console.log(JSON.stringify({ mode, ms, cpuMs, count: produced, rssMb: usage.maxRSS / 1024 }));
