// How to produce each inventory the planner reads: one command per format, what it tells
// and what it cannot (README "Input formats" has the same commands with more detail). Shown
// from the inventory card's empty state and beside each unknown check in a device's detail.
import { el } from './dom.js';

/** Per format: how to get it (one line), what it tells, what it cannot. */
export const FORMAT_HELP = [
  {
    id: 'graph', name: 'Microsoft Graph managed devices (Intune)',
    command: "Invoke-MgGraphRequest -Uri 'https://graph.microsoft.com/beta/deviceManagement/managedDevices' -OutputFilePath graph.json",
    tells: 'name, Entra device id, build, edition, architecture, management, last check-in',
    cannot: 'whether VBS is running (a list of devices leaves it at defaults); CHPE on Arm64',
  },
  {
    id: 'deviceguard', name: 'Device Guard probe (Win32_DeviceGuard)',
    command: 'Invoke-Command -ComputerName (Get-Content hosts.txt) { Get-CimInstance -Namespace root\\Microsoft\\Windows\\DeviceGuard -ClassName Win32_DeviceGuard } | ConvertTo-Json > deviceguard.json',
    tells: 'whether virtualization-based security is running (the best source)',
    cannot: 'build, edition, architecture',
  },
  {
    id: 'registry', name: 'Registry probe',
    command: "Invoke-Command -ComputerName (Get-Content hosts.txt) { $cv = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'; [pscustomobject]@{ ComputerName = $env:COMPUTERNAME; CurrentBuild = $cv.CurrentBuild; UBR = $cv.UBR; EditionID = $cv.EditionID; InstallationType = $cv.InstallationType; PROCESSOR_ARCHITECTURE = (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment').PROCESSOR_ARCHITECTURE; HotPatchRestrictions = (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management').HotPatchRestrictions; AllowRebootlessUpdates = (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\PolicyManager\\current\\device\\Update' -ErrorAction SilentlyContinue).AllowRebootlessUpdates } } | ConvertTo-Json > registry.json",
    tells: 'build and UBR, edition, architecture, CHPE on Arm64 (HotPatchRestrictions), the hotpatch policy on the device',
    cannot: 'VBS',
  },
  {
    id: 'computerinfo', name: 'Get-ComputerInfo',
    command: 'Invoke-Command -ComputerName (Get-Content hosts.txt) { Get-ComputerInfo } | ConvertTo-Json > computerinfo.json',
    tells: 'build, edition, architecture, and VBS when run as administrator',
    cannot: 'CHPE on Arm64; VBS without administrator rights',
  },
  {
    id: 'ucclient', name: 'Windows Update for Business reports (UCClient)',
    command: "(Invoke-AzOperationalInsightsQuery -WorkspaceId $workspace -Query 'UCClient | summarize arg_max(TimeGenerated, *) by AzureADDeviceId').Results | ConvertTo-Json > ucclient.json",
    tells: 'build, edition, architecture, each device’s own update ring settings',
    cannot: 'VBS, CHPE',
  },
  {
    id: 'intune-csv', name: 'Intune “All devices” export',
    command: 'Intune admin center → Devices → All devices → Export (include all inventory data)',
    tells: 'name, Entra device id, build, edition, architecture, last check-in',
    cannot: 'VBS, CHPE',
  },
  {
    id: 'autopatch', name: 'Windows Autopatch device profiles',
    command: "Invoke-MgGraphRequest -Uri 'https://graph.microsoft.com/beta/admin/windows/updates/data/deviceProfiles' -OutputFilePath autopatch.json",
    tells: 'Microsoft’s own hotpatch readiness per device, shown beside the planner’s verdict',
    cannot: 'the facts behind it',
  },
];

/** Which formats tell each check's fact, best first; licence and policy are tenant settings. */
const FOR_CHECK = {
  os: ['graph', 'registry', 'computerinfo'],
  edition: ['registry', 'graph', 'computerinfo'],
  vbs: ['deviceguard', 'computerinfo'],
  arch: ['registry'],
  baseline: ['registry', 'graph', 'ucclient'],
  policy: ['registry'],
};

/** The help for the formats that would settle an unknown check, or [] when none does. */
export const helpForCheck = (check) => (FOR_CHECK[check] ?? []).map((id) => FORMAT_HELP.find((f) => f.id === id));

/** One format's help: its name, the command with a copy button, what it tells and cannot. */
export function formatHelp(f) {
  const code = el('code', {}, f.command);
  const status = el('span', { class: 'small muted copied', role: 'status' });
  const copy = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy the command for ${f.name}`, onclick: async () => {
    try {
      await navigator.clipboard.writeText(f.command);
      status.textContent = 'Copied.';
    } catch {
      // No clipboard (an insecure origin, or refused): select the text to copy by hand.
      getSelection()?.selectAllChildren(code);
      status.textContent = 'Selected: press Ctrl+C.';
    }
  } }, 'Copy');
  return el('div', { class: 'format-help', 'data-format': f.id },
    el('p', {}, el('strong', {}, f.name)),
    el('div', { class: 'command' }, code, copy, status),
    el('p', { class: 'small' }, `Tells: ${f.tells}. Cannot tell: ${f.cannot}.`));
}

/** A closed disclosure with every format's help. */
export function allFormatsHelp() {
  return el('details', { class: 'help formats-help' },
    el('summary', {}, 'How to get these files'),
    el('p', { class: 'small muted' }, 'Run in PowerShell where you manage your devices; drop the files it writes here. A Microsoft Graph export and a Device Guard probe together settle most prerequisites.'),
    FORMAT_HELP.map(formatHelp));
}
