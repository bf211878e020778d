# Installs the build into a fresh prefix and checks its desktop integration with the tools of
# the desktop: the desktop entry (desktop-file-validate), the AppStream metadata (appstreamcli
# validate --no-net, and validate-tree on the whole prefix), the MIME type of program files
# (update-mime-database, then GIO and the generated database recognise a program file), the
# icons of the hicolor theme at every size (the PNG header) and the installed motus checking
# its own library and programs. A missing tool fails the test: scripts/setup installs them.
# Variables: BUILD_DIR, PREFIX.
cmake_minimum_required(VERSION 3.25)
set(id org.motus.Motus)
set(type application/x-motus-program+xml)
set(typeRegex "application/x-motus-program\\+xml") # as a regular expression
foreach(tool desktop-file-validate update-desktop-database appstreamcli update-mime-database gio)
  string(MAKE_C_IDENTIFIER ${tool} var)
  find_program(${var} ${tool})
  if(NOT ${var})
    message(FATAL_ERROR "${tool} is missing: run scripts/setup (it installs desktop-file-utils, "
      "appstream, shared-mime-info and libglib2.0-bin)")
  endif()
endforeach()

# run(NAME command...): exit 0 or the test fails with what it printed; output in `out`.
macro(run name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${name}: exit ${code}\n${out}\n${err}")
  endif()
endmacro()
function(expect name text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "${name}: '${pattern}' not found in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE ${PREFIX})
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
set(share ${PREFIX}/share)

# The desktop entry: valid, opens program files.
run("desktop-file-validate" ${desktop_file_validate} ${share}/applications/${id}.desktop)
if(NOT out STREQUAL "" OR NOT err STREQUAL "")
  message(FATAL_ERROR "desktop-file-validate has remarks:\n${out}${err}")
endif()
file(READ ${share}/applications/${id}.desktop entry)
expect("desktop entry" "${entry}" "\nExec=motus %f\n")
expect("desktop entry" "${entry}" "\nIcon=${id}\n")
expect("desktop entry" "${entry}" "\nMimeType=${typeRegex};\n")
run("update-desktop-database" ${update_desktop_database} ${share}/applications)
file(READ ${share}/applications/mimeinfo.cache cache)
expect("mimeinfo.cache" "${cache}" "\n${typeRegex}=${id}.desktop;")

# The AppStream metadata: valid on its own and together with the desktop entry and icons; its
# release is the version of the binary.
run("appstreamcli validate" ${appstreamcli} validate --no-net ${share}/metainfo/${id}.metainfo.xml)
run("appstreamcli validate-tree" ${appstreamcli} validate-tree --no-net ${PREFIX})
file(READ ${share}/metainfo/${id}.metainfo.xml metainfo)
run("motus --version" ${PREFIX}/bin/motus --version)
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" version "${out}")
expect("metainfo" "${metainfo}" "<release version=\"${version}\" date=\"[0-9]+-[0-9]+-[0-9]+\"/>")
expect("metainfo" "${metainfo}" "<launchable type=\"desktop-id\">${id}.desktop</launchable>")
expect("metainfo" "${metainfo}" "<binary>motus</binary>")
expect("metainfo" "${metainfo}" "<mediatype>${typeRegex}</mediatype>")

# The MIME type: the database built from the prefix knows program files by their root element
# (<program>, no namespace), as a kind of XML, and by the name NAME.motus.xml.
run("update-mime-database" ${update_mime_database} ${share}/mime)
file(STRINGS ${share}/mime/XMLnamespaces namespaces)
if(NOT " program ${type}" IN_LIST namespaces)
  message(FATAL_ERROR "XMLnamespaces does not map the root element <program> to ${type}:\n"
    "${namespaces}")
endif()
file(STRINGS ${share}/mime/subclasses subclasses)
if(NOT "${type} application/xml" IN_LIST subclasses)
  message(FATAL_ERROR "${type} is not a sub-class of application/xml: ${subclasses}")
endif()
file(READ ${share}/mime/${type}.xml described)
expect("MIME type" "${described}" "<comment xml:lang=\"de\">Motus-Übungsprogramm</comment>")
set(sample ${PREFIX}/../hip-knee.motus.xml)
file(COPY_FILE ${share}/motus/exercises/programs/hip-knee.xml ${sample})
run("gio info" ${CMAKE_COMMAND} -E env XDG_DATA_DIRS=${share} XDG_DATA_HOME=${PREFIX}/no-home
  GIO_USE_VFS=local ${gio} info --attributes=standard::content-type ${sample})
expect("gio info ${sample}" "${out}" "standard::content-type: ${typeRegex}\n")

# The icons: every size of the hicolor theme, each PNG as big as its folder says, and the SVG.
foreach(size 16 24 32 48 64 128 256 512)
  set(png ${share}/icons/hicolor/${size}x${size}/apps/${id}.png)
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "not installed: ${png}")
  endif()
  file(READ ${png} header LIMIT 24 HEX)
  # The signature, the IHDR chunk, then width and height as 32-bit big-endian numbers.
  string(SUBSTRING "${header}" 0 32 signature)
  string(SUBSTRING "${header}" 32 8 width)
  string(SUBSTRING "${header}" 40 8 height)
  math(EXPR width "0x${width}")
  math(EXPR height "0x${height}")
  if(NOT signature STREQUAL "89504e470d0a1a0a0000000d49484452" OR NOT width EQUAL size
     OR NOT height EQUAL size)
    message(FATAL_ERROR "${png} is not a ${size}x${size} PNG (${signature}, ${width}x${height})")
  endif()
endforeach()
file(READ ${share}/icons/hicolor/scalable/apps/${id}.svg svg)
expect("scalable icon" "${svg}" "<svg [^>]*viewBox=\"0 0 256 256\"")
# The window's own icon stays with its data; the sources of the small icons are not installed.
foreach(path motus/assets/icons/motus.png)
  if(NOT EXISTS ${share}/${path})
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
foreach(path motus/assets/desktop motus/assets/icons/hicolor motus/assets/icons/${id}-small.svg)
  if(EXISTS ${share}/${path})
    message(FATAL_ERROR "installed and should not be: ${path}")
  endif()
endforeach()

# The installed motus checks its library and its programs, and a program file by itself.
run("installed motus validate" ${PREFIX}/bin/motus validate)
expect("installed motus validate" "${out}" " [1-9][0-9]* exercise\\(s\\) valid, [1-9][0-9]* program\\(s\\) valid, 0 error\\(s\\), 0 warning\\(s\\)")
run("installed motus validate FILE" ${PREFIX}/bin/motus validate ${sample})
expect("installed motus validate FILE" "${out}" "^1 file\\(s\\) checked, 0 exercise\\(s\\) valid, 1 program\\(s\\) valid, 0 error")
file(REMOVE_RECURSE ${PREFIX})
file(REMOVE ${sample})
message(STATUS "desktop integration installed and valid")
