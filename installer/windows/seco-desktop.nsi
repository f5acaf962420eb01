; NSIS 3 script: installs the PyInstaller one-folder build (dist\seco-desktop) for all users.
; Version, description and publisher come from pyproject.toml through version.nsh, which
;   python installer\fill_version.py --nsh installer\windows\version.nsh
; writes before compiling (see docs/installer.md). Compile from the repository root:
;   makensis /WX installer\windows\seco-desktop.nsi
; makensis also runs on Linux (Debian package nsis); the project's tests compile this script
; there with /WX against a small folder, so a syntax or include error fails CI. The Windows
; bundle itself can only be built on Windows (PyInstaller does not cross-compile).
; A 64-bit setup program for the 64-bit application (64-bit registry and Program Files).
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!include "version.nsh"
!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define APP_NAME "SECO Desktop"
!define APP_EXE "seco-desktop.exe"
; A fixed key: an upgrade installs over the previous installation. Never change it.
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SECO Desktop"
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\seco-desktop"
!endif
!ifndef OUTDIR
  !define OUTDIR "..\..\dist\windows"
!endif

Name "${APP_NAME}"
OutFile "${OUTDIR}\seco-desktop-${APP_VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\SECO Desktop"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${APP_NUMERIC_VERSION}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${APP_VERSION}"
VIAddVersionKey "FileVersion" "${APP_VERSION}"
VIAddVersionKey "FileDescription" "${APP_DESCRIPTION}"
VIAddVersionKey "CompanyName" "${APP_PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${APP_PUBLISHER}"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Start menu and desktop shortcuts for every user of the workstation.
Function .onInit
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetShellVarContext all
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${APP_PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; The installed copy checks itself before first use: a temporary synthetic demo store,
  ; a search, a PDF (no window). A failure is reported and the setup exits non-zero, so a
  ; scripted roll-out (setup.exe /S) sees it; the files stay for the support desk to inspect.
  DetailPrint "Checking the installation (self-test)..."
  nsExec::ExecToLog '"$INSTDIR\${APP_EXE}" --self-test'
  Pop $0
  ${If} $0 != 0
    SetErrorLevel 3
    MessageBox MB_ICONSTOP "The installed ${APP_NAME} failed its self-test (result $0). \
      Run $\"$INSTDIR\${APP_EXE}$\" --self-test from a command prompt to see which step failed." /SD IDOK
    Abort "The self-test failed (result $0)."
  ${EndIf}
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "The ${APP_NAME} program and its Start menu entry."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "A shortcut on every user's desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; Removes the program only. Each user's encrypted store, settings and logs stay (they hold
; Privacy Act records under retention rules; see docs/admin-guide.md). The folder itself is
; removed only if nothing else was put in it.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
