; Inno Setup 6 script: installs the one-folder build (dist\seco-desktop) for all users.
; The version comes from pyproject.toml through version.iss, which
;   python installer\fill_version.py --iss installer\windows\version.iss
; writes before compiling (see docs/installer.md). Compile from the repository root:
;   iscc installer\windows\seco-desktop.iss
; Not built or tested by this project's CI (Linux only): see docs/installer.md.

#include "version.iss"

#define AppName "SECO Desktop"
#define AppExe "seco-desktop.exe"

[Setup]
; A fixed id: upgrades replace the previous installation. Never change it.
AppId={{6F1C2B8E-3D4A-4E8B-9A51-5E0C7D2B9F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SECO program
VersionInfoVersion={#AppNumericVersion}
VersionInfoDescription={#AppDescription}
DefaultDirName={autopf}\SECO Desktop
DefaultGroupName=SECO Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\windows
OutputBaseFilename=seco-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}

[Files]
Source: "..\..\dist\seco-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
; The installed copy checks itself before first use (no window; a temporary demo store).
Filename: "{app}\{#AppExe}"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
