# talash_embed_file(TARGET <lib> INPUT <file> SYMBOL <name>)
# Compiles a text data file into the library as
#   namespace talash::embedded { extern const std::string_view <name>; }
# so the binaries are self-contained and tests read exactly what ships.
function(talash_embed_file)
  cmake_parse_arguments(E "" "TARGET;INPUT;SYMBOL" "" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${E_SYMBOL}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${E_INPUT} -DOUTPUT=${out} -DSYMBOL=${E_SYMBOL}
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_file_run.cmake"
    DEPENDS "${E_INPUT}" "${CMAKE_SOURCE_DIR}/cmake/embed_file_run.cmake"
    VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
