" Keel IDL files. Vim's own filetype.vim also claims *.idl (CORBA "idl" or Microsoft "msidl",
" guessed from the contents) with :setfiletype; this autocmd is defined after it and uses
" :set filetype, so it wins. To keep other .idl files as they were, narrow the pattern, for
" example to */keel/*.idl.
autocmd BufNewFile,BufRead *.idl set filetype=keelidl
