package io.gtfc.ports.contracts;

import io.gtfc.ports.InviteBook;
import io.gtfc.ports.fakes.InMemoryInviteBook;

class InMemoryInviteBookTest extends InviteBookContract {
  private InMemoryInviteBook book;

  @Override
  protected InviteBook newBook() {
    book = new InMemoryInviteBook();
    return book;
  }

  @Override
  protected InviteBook sameBook() {
    return book;
  }
}
