@echo off
rem Runs Tickguard from a source checkout on Windows: builds, then launches on the module path.
setlocal
set "HERE=%~dp0"
if not exist "%HERE%app\target\lib\.tickguard-built" (
  echo tickguard: building ^(first run^)... 1>&2
  call mvn -q -f "%HERE%pom.xml" -DskipTests package || exit /b 1
  echo built> "%HERE%app\target\lib\.tickguard-built"
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem The JVM options are in app\jvm.options (why each one is there); TICKGUARD_JAVA_OPTS replaces them.
rem Labels, not a parenthesised block: a folder such as "Program Files (x86)" would end the block early.
if defined TICKGUARD_JAVA_OPTS goto own_options
"%JAVA%" "@%HERE%app\jvm.options" -p "%HERE%app\target\lib;%HERE%app\target\tickguard-app.jar" -m dev.tickguard.app/dev.tickguard.app.Main %*
exit /b %ERRORLEVEL%
:own_options
"%JAVA%" %TICKGUARD_JAVA_OPTS% -p "%HERE%app\target\lib;%HERE%app\target\tickguard-app.jar" -m dev.tickguard.app/dev.tickguard.app.Main %*
exit /b %ERRORLEVEL%
