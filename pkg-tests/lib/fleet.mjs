// A synthetic fleet in the canonical format, for benchmarks and scale tests. Seeded, so
// every run gets the same devices; the mix of editions, builds, VBS states and rings is
// roughly what a mid-size Intune tenant looks like.

/** mulberry32: a small deterministic PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, items) => items[Math.floor(r() * items.length)];

/** `count` canonical devices as a JS array. */
export function fleetDevices(count, seed = 42) {
  const r = rng(seed);
  const devices = new Array(count);
  for (let i = 0; i < count; i++) {
    const server = r() < 0.05;
    const hex = (n) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
    const d = {
      name: `${server ? 'SRV' : pick(r, ['LAP', 'DSK', 'VDI'])}-${String(i).padStart(6, '0')}`,
      entraDeviceId: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      family: server ? 'server' : 'client',
      build: server ? pick(r, ['10.0.26100.32772', '10.0.26100.32690', '10.0.20348.5074']) : pick(r, ['10.0.26100.8390', '10.0.26100.8246', '10.0.26200.8390', '10.0.26100.7781', '10.0.26100.8457', '10.0.22631.4890', '10.0.19045.6093']),
      edition: server ? pick(r, ['ServerTurbine', 'ServerDatacenter', 'ServerStandard']) : pick(r, ['Enterprise', 'Enterprise', 'Enterprise', 'Education', 'Professional', 'EnterpriseS']),
      arch: r() < 0.08 ? 'arm64' : 'x64',
      vbs: pick(r, ['running', 'running', 'running', 'enabled', 'off']),
      management: pick(r, ['intune', 'intune', 'intune', 'co-managed', 'configmgr']),
      ring: pick(r, ['Test', 'First', 'Fast', 'Broad', 'Broad', 'Broad']),
      lastSeen: `2026-05-${String(1 + Math.floor(r() * 19)).padStart(2, '0')}T${String(Math.floor(r() * 24)).padStart(2, '0')}:12:00Z`,
    };
    if (d.arch === 'arm64' && r() < 0.5) d.hotPatchRestrictions = 1;
    devices[i] = d;
  }
  return devices;
}

/** The same fleet as canonical JSON text. */
export function fleetText(count, seed) {
  return JSON.stringify({ schemaVersion: 1, devices: fleetDevices(count, seed) });
}

/** The start of a Graph `managedDevices` list of `count` devices, up to its `value` list's `[`. */
const graphOpen = (count) => `{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices","@odata.count":${count},"value":[`;

/** Graph's `managementAgent` for each of the canonical format's managements. */
const GRAPH_AGENT = { intune: 'mdm', 'co-managed': 'configurationManagerClientMdm', configmgr: 'configurationManagerClient' };

/**
 * A Microsoft Graph `managedDevices` export of `count` Windows devices, written to `path` in
 * pieces (a million devices are ~450 MB: more than one JS string should hold). Each record
 * has the identity and OS fields an Intune export carries and the planner reads, with the
 * VBS state under `hardwareInformation`, the same mix of builds, editions and VBS states as
 * `fleetDevices`.
 */
export function writeGraphExport(path, count, seed = 42, writeFileSync, appendFileSync) {
  const r = rng(seed);
  const hex = (n) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  writeFileSync(path, graphOpen(count));
  const CHUNK = 20_000;
  for (let start = 0; start < count; start += CHUNK) {
    const parts = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const edition = pick(r, ['Enterprise', 'Enterprise', 'Enterprise', 'Education', 'Professional']);
      parts.push(JSON.stringify({
        id: guid(),
        deviceName: `${pick(r, ['LAP', 'DSK', 'VDI'])}-${String(i).padStart(7, '0')}`,
        lastSyncDateTime: `2026-11-${String(1 + Math.floor(r() * 25)).padStart(2, '0')}T${String(Math.floor(r() * 24)).padStart(2, '0')}:12:00Z`,
        operatingSystem: 'Windows',
        osVersion: pick(r, ['10.0.26100.9711', '10.0.26100.9711', '10.0.26200.9711', '10.0.26100.9106', '10.0.26100.8875', '10.0.22631.4890', '10.0.19045.6093']),
        managementAgent: pick(r, ['mdm', 'mdm', 'mdm', 'configurationManagerClientMdm']),
        azureADDeviceId: guid(),
        skuFamily: edition,
        processorArchitecture: r() < 0.08 ? 'arm64' : 'x64',
        hardwareInformation: { deviceGuardVirtualizationBasedSecurityState: pick(r, ['running', 'running', 'running', 'notConfigured', 'rebootRequired']) },
      }));
    }
    appendFileSync(path, (start ? ',' : '') + parts.join(','));
  }
  appendFileSync(path, ']}');
}

/** Intune's "All devices" export columns the planner reads, in the export's order. */
const INTUNE_HEADER = 'Device ID,Device name,Enrollment date,Last check-in,Azure AD Device ID,OS version,Serial number,Manufacturer,Model,Primary user UPN,OS,Ownership,Managed by,Compliance,SkuFamily,JoinType,ProcessorArchitecture';
const SKU = { Enterprise: 'Enterprise', Education: 'Education', Professional: 'Pro', EnterpriseS: 'Enterprise LTSC', ServerTurbine: 'Datacenter: Azure Edition', ServerDatacenter: 'Datacenter', ServerStandard: 'Standard' };

/**
 * `hardwareInformation` as Graph's list calls return it for every device: left at its defaults
 * (the shape of tests/data/exports/windows/graph.single-in-value-array.json; SOURCES.md S24).
 */
const BLANK_HARDWARE = {
  serialNumber: null, totalStorageSpace: 0, freeStorageSpace: 0, imei: null, meid: null, manufacturer: null, model: null, phoneNumber: null,
  subscriberCarrier: null, cellularTechnology: null, wifiMac: null, operatingSystemLanguage: null, isSupervised: false, isEncrypted: false,
  batterySerialNumber: null, batteryHealthPercentage: 0, batteryChargeCycles: 0, isSharedDevice: false, sharedDeviceCachedUsers: [],
  tpmSpecificationVersion: null, operatingSystemEdition: null, deviceFullQualifiedDomainName: null,
  deviceGuardVirtualizationBasedSecurityHardwareRequirementState: 'meetHardwareRequirements', deviceGuardVirtualizationBasedSecurityState: 'running',
  deviceGuardLocalSystemAuthorityCredentialGuardState: 'running', osBuildNumber: null, operatingSystemProductType: 0, ipAddressV4: null,
  subnetAddress: null, esimIdentifier: null, systemManagementBIOSVersion: null, tpmManufacturer: null, tpmVersion: null, wiredIPv4Addresses: [],
  batteryLevelPercentage: null, residentUsersCount: null, productName: null, deviceLicensingStatus: 'unknown', deviceLicensingLastErrorCode: 0,
  deviceLicensingLastErrorDescription: null,
};

/**
 * `fleetDevices(count)` written to `path` as one inventory format, in pieces (a million
 * devices are hundreds of MB): `canonical`, `graph` (Microsoft Graph `managedDevices` with its
 * `value` envelope, VBS under `hardwareInformation`), `graph-list` (the same as a list call
 * without `$select` returns it, with the 26 fields of www/samples/graph.json's records:
 * `hardwareInformation` left at its defaults, the same for every device, so VBS is unknown),
 * `intune-csv` (Intune's "All devices"
 * export) or `deviceguard` (Win32_DeviceGuard probes of the same devices, `PSComputerName`
 * naming each, as `Get-CimInstance … | ConvertTo-Json` writes an array). The same devices in
 * each, so a Graph export and its Device Guard probes merge device by device. Returns the
 * file's size in bytes.
 */
export function writeFleetDocument(path, count, format, { writeFileSync, appendFileSync, statSync }, seed = 42) {
  const devices = fleetDevices(count, seed);
  const r = rng(seed + 1);
  const hex = (n) => Math.floor(r() * 16 ** n).toString(16).padStart(n, '0');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const vbsGraph = { running: 'running', enabled: 'rebootRequired', off: 'notConfigured' };
  const vbsWmi = { running: 2, enabled: 1, off: 0 };
  const [open, record, close, separator] = {
    canonical: ['{"schemaVersion":1,"devices":[', (d) => JSON.stringify(d), ']}', ','],
    graph: [
      graphOpen(count),
      (d) => JSON.stringify({
        id: guid(), deviceName: d.name, lastSyncDateTime: d.lastSeen, operatingSystem: 'Windows', osVersion: d.build,
        managementAgent: GRAPH_AGENT[d.management],
        azureADDeviceId: d.entraDeviceId, skuFamily: d.edition, processorArchitecture: d.arch,
        hardwareInformation: { deviceGuardVirtualizationBasedSecurityState: vbsGraph[d.vbs] },
      }),
      ']}', ','],
    'graph-list': [
      graphOpen(count),
      (d) => JSON.stringify({
        id: guid(), userId: guid(), deviceName: d.name, managedDeviceOwnerType: 'company', enrolledDateTime: '2025-09-02T10:12:33Z',
        lastSyncDateTime: d.lastSeen, operatingSystem: 'Windows', complianceState: 'compliant', jailBroken: 'Unknown',
        managementAgent: GRAPH_AGENT[d.management],
        osVersion: d.build, easActivated: false, azureADRegistered: true, deviceEnrollmentType: 'windowsAzureADJoin',
        azureADDeviceId: d.entraDeviceId, deviceRegistrationState: 'registered', isEncrypted: true, userPrincipalName: 'user@contoso.com',
        model: 'Latitude 7450', manufacturer: 'Dell Inc.', serialNumber: hex(10).toUpperCase(), skuFamily: d.edition, skuNumber: 4,
        processorArchitecture: d.arch, joinType: 'azureADJoined', hardwareInformation: BLANK_HARDWARE,
      }),
      ']}', ','],
    'intune-csv': [
      `${INTUNE_HEADER}\r\n`,
      (d) => [guid(), d.name, '9/2/2025 10:12:33 AM', d.lastSeen.replace('T', ' ').replace('Z', '.0000000'), d.entraDeviceId, d.build, hex(10).toUpperCase(), 'Dell Inc.', 'Latitude 7450', 'user@contoso.com', 'Windows', 'Corporate',
        { intune: 'Intune', 'co-managed': 'Co-managed', configmgr: 'ConfigMgr' }[d.management], 'Compliant', SKU[d.edition], 'Azure AD joined', d.arch].join(','),
      '', '\r\n'],
    deviceguard: [
      '[',
      (d) => JSON.stringify({ AvailableSecurityProperties: [1, 2, 3, 5, 7], CodeIntegrityPolicyEnforcementStatus: 2, InstanceIdentifier: guid(), RequiredSecurityProperties: [0],
        SecurityServicesConfigured: d.vbs === 'off' ? [0] : [1, 2], SecurityServicesRunning: d.vbs === 'running' ? [1, 2] : [0], Version: '1.0',
        VirtualizationBasedSecurityStatus: vbsWmi[d.vbs], PSComputerName: d.name }),
      ']', ','],
  }[format];
  writeFileSync(path, open);
  const CHUNK = 20_000;
  for (let start = 0; start < count; start += CHUNK) {
    const part = devices.slice(start, start + CHUNK).map(record).join(separator);
    appendFileSync(path, (start && separator !== '\r\n' ? separator : '') + part + (separator === '\r\n' ? '\r\n' : ''));
  }
  appendFileSync(path, close);
  return statSync(path).size;
}
