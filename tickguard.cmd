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
rem The JVM's own periodic wake-ups off (see the sh launcher); override with TICKGUARD_JAVA_OPTS.
if not defined TICKGUARD_JAVA_OPTS set "TICKGUARD_JAVA_OPTS=-XX:+UseSerialGC -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=60000 -XX:GuaranteedSafepointInterval=0"
"%JAVA%" %TICKGUARD_JAVA_OPTS% -p "%HERE%app\target\lib;%HERE%app\target\tickguard-app.jar" -m dev.tickguard.app/dev.tickguard.app.Main %*
