" Keel IDL: comments and indentation as in .editorconfig (4 spaces, 100 columns).
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s comments=:///,://
setlocal expandtab shiftwidth=4 softtabstop=4 textwidth=100
setlocal autoindent smartindent formatoptions-=t formatoptions+=croql

let b:undo_ftplugin = "setlocal commentstring< comments< expandtab< shiftwidth< softtabstop<"
      \ . " textwidth< autoindent< smartindent< formatoptions<"
