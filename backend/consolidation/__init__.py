"""Point-in-time text (issue #14, decision 0018): the operations read from amending documents, confirmed by
officers, and the text of a document as in force on any date built from them."""
