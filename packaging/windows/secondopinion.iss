; Inno Setup 6 script: a Windows installer for the PyInstaller bundle in dist\secondopinion-desktop.
;
; Build the bundle on Windows first (see packaging\README.md), then from the checkout:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\secondopinion.iss
; The result is dist\SecondOpinion-Setup-0.1.0.exe.
;
; It installs for the current user without asking for an administrator (the person can choose
; "for all users" in the first dialog), adds a Start menu entry and, by default, a desktop icon,
; and offers to start the program at the end. Uninstalling removes the program only: the
; person's cases stay in %LOCALAPPDATA%\SecondOpinion.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Second Opinion"
#define AppExe "secondopinion-desktop.exe"
; the checkout, relative to this file (Inno Setup resolves paths from the script's folder)
#define Root "..\.."

[Setup]
; AppId identifies the program to Windows across versions: never change it.
AppId={{55D09C25-44D5-4487-95CA-0CBDB1BB69E5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Second Opinion team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Root}\resources\icons\secondopinion.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=SecondOpinion-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop to start {#AppName}"; GroupDescription: "Icons:"

[Files]
Source: "{#Root}\dist\secondopinion-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Organise getting a second medical opinion"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon; Comment: "Organise getting a second medical opinion"

[Registry]
; The app writes this value itself when "Keep reminding me when Second Opinion is closed" is on
; (start at login, hidden); the uninstaller removes it. ValueType none: Setup never writes it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "SecondOpinion"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent
